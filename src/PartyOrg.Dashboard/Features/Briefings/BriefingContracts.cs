using System.Globalization;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Briefings;

/// <summary>The three document formats a briefing is produced in.</summary>
public enum BriefingFormat
{
    Pdf = 1,
    Docx = 2,
    Xlsx = 3,
}

/// <summary>One briefing to produce: a quarter, the scope unit (its code) and the language.</summary>
public sealed record BriefingRequest(Quarter Quarter, string ScopeCode, CultureInfo Culture);

/// <summary>One rendered file of a briefing.</summary>
public sealed record BriefingFile(BriefingFormat Format, string FileName, string ContentType, byte[] Content);

/// <summary>
/// The files of one briefing and the aggregates they were built from: the quarter's data version and
/// the time those aggregates were computed (both printed in the documents).
/// </summary>
public sealed record RenderedBriefing(
    BriefingRequest Request,
    string ScopeName,
    long DataVersion,
    DateTimeOffset ComputedAt,
    IReadOnlyList<BriefingFile> Files);

/// <summary>Builds the briefing model from the aggregates and renders it in the asked formats.</summary>
public interface IBriefingRenderer
{
    /// <exception cref="InvalidOperationException">The quarter has no computed aggregates, or they are stale.</exception>
    /// <exception cref="KeyNotFoundException">No unit has the scope code in that quarter.</exception>
    Task<RenderedBriefing> RenderAsync(BriefingRequest request, IReadOnlyCollection<BriefingFormat> formats, CancellationToken cancellationToken);
}
