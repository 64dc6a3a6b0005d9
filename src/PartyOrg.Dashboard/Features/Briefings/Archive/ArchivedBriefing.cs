namespace PartyOrg.Dashboard.Features.Briefings.Archive;

/// <summary>
/// One archived version of a briefing: a quarter, a scope unit and a language, rendered from one data
/// version of the quarter's aggregates. Written once with all its files in one transaction and never
/// changed; generating again on the same data version finds this row instead of adding another.
/// </summary>
public sealed class ArchivedBriefing
{
    public int Id { get; init; }

    /// <summary>yyyyq (see <see cref="Infrastructure.Time.Quarter.Key"/>).</summary>
    public int QuarterKey { get; init; }

    public int ScopeUnitId { get; init; }

    /// <summary>The scope unit's code, kept beside its id so the archive reads without the tree.</summary>
    public required string ScopeCode { get; init; }

    /// <summary>The unit's name as the document printed it.</summary>
    public required string ScopeName { get; init; }

    /// <summary><c>vi</c> or <c>en</c>.</summary>
    public required string Culture { get; init; }

    /// <summary>The quarter's data version the aggregates were computed from.</summary>
    public long DataVersion { get; init; }

    /// <summary>When those aggregates were computed.</summary>
    public DateTimeOffset ComputedAt { get; init; }

    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The e-mail of the user who asked, <c>schedule</c>, or <c>cli:&lt;account&gt;</c>.</summary>
    public required string GeneratedBy { get; init; }

    public List<ArchivedBriefingFile> Files { get; init; } = [];
}

/// <summary>One rendered file of an archived briefing, with its bytes and their SHA-256.</summary>
public sealed class ArchivedBriefingFile
{
    public int Id { get; init; }

    public int BriefingId { get; init; }

    public BriefingFormat Format { get; init; }

    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    public long Size { get; init; }

    /// <summary>Lower-case hex of the SHA-256 of <see cref="Content"/>.</summary>
    public required string Sha256 { get; init; }

    public required byte[] Content { get; init; }
}
