using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>Who imports: their name for the audit log, whether they may import at all, undo, and the unit whose subtree bounds them.</summary>
public sealed record ImportActor(string Name, bool CanImport, bool IsAdmin, string? ScopeUnitCode)
{
    /// <summary>The CLI without <c>--as</c>: the machine's operator, the whole province.</summary>
    public static ImportActor Operator { get; } = new("cli", true, true, null);

    public static ImportActor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Identity?.Name ?? "?";
        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.OrgBoard))
        {
            return new ImportActor(name, true, user.IsInRole(Roles.Admin), null);
        }

        return user.IsInRole(Roles.DistrictEditor) && user.FindFirstValue(UserScope.ClaimType) is { Length: > 0 } code
            ? new ImportActor(name, true, false, code)
            : new ImportActor(name, false, false, null);
    }

    public static ImportActor From(AppUser user, IList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(roles);
        var name = user.Email ?? user.UserName ?? user.Id;
        if (roles.Contains(Roles.Admin) || roles.Contains(Roles.OrgBoard))
        {
            return new ImportActor(name, true, roles.Contains(Roles.Admin), null);
        }

        return roles.Contains(Roles.DistrictEditor) && !string.IsNullOrEmpty(user.ScopeUnitCode)
            ? new ImportActor(name, true, false, user.ScopeUnitCode)
            : new ImportActor(name, false, false, null);
    }
}

/// <summary>One import to run: a file (on disk or in memory, seekable) of one kind.</summary>
public sealed record ImportRequest(string Kind, string FileName, Stream Content, ImportActor Actor, bool DryRun, string? Sheet = null);

public enum ImportOutcome
{
    /// <summary>The file has problems: nothing was written.</summary>
    Rejected = 1,

    /// <summary>Dry run: the file is valid, nothing was written.</summary>
    Previewed = 2,

    /// <summary>Written as one batch.</summary>
    Imported = 3,

    /// <summary>Valid, but every row was already stored: nothing written, no batch.</summary>
    NothingNew = 4,
}

/// <summary>A change the import makes to something already stored (a membership snapshot replaced, a unit renamed).</summary>
public sealed record ImportChange(int Row, string What);

/// <summary>What an import did or would do, and every problem (first <see cref="ImportOptions.ReportedProblems"/> in full, all counted and grouped).</summary>
public sealed record ImportReport
{
    public required string Kind { get; init; }

    public required string FileName { get; init; }

    public required string Sha256 { get; init; }

    public ImportOutcome Outcome { get; init; }

    public bool DryRun { get; init; }

    public int Rows { get; init; }

    public int Added { get; init; }

    public int Changed { get; init; }

    /// <summary>Rows identical to rows already stored: skipped, not errors (importing a file twice adds nothing).</summary>
    public int AlreadyStored { get; init; }

    public int ProblemCount { get; init; }

    /// <summary>Rows with at least one problem.</summary>
    public int RejectedRows { get; init; }

    public IReadOnlyList<ImportProblem> Problems { get; init; } = [];

    public IReadOnlyList<ImportProblemGroup> ProblemGroups { get; init; } = [];

    public IReadOnlyList<ImportChange> Changes { get; init; } = [];

    public IReadOnlyList<string> Quarters { get; init; } = [];

    public int? BatchId { get; init; }

    public TimeSpan Elapsed { get; init; }
}

public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Files above this size are refused (default 20 MB).</summary>
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// An XLSX is refused when its parts add up to more than this once uncompressed, as declared in the zip and as
    /// actually read (default 200 MB): a small file can hold a very large sheet.
    /// </summary>
    public long MaxUncompressedBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Files with more data rows are refused (default 1,000,000; a 20 MB CSV of short rows holds about that many).</summary>
    public int MaxRows { get; set; } = 1_000_000;

    /// <summary>Files with a longer cell are refused (default 4,000 characters; the longest text column, a survey suggestion, takes 2,000).</summary>
    public int MaxCellChars { get; set; } = 4_000;

    /// <summary>Uploads above this size run as a background job with progress (default 1 MB, ~10,000 meeting rows).</summary>
    public long BackgroundFileBytes { get; set; } = 1024 * 1024;

    /// <summary>Problems listed in full in a report; all are counted and grouped, and the full list is downloadable.</summary>
    public int ReportedProblems { get; set; } = 200;

    /// <summary>Rows written per bulk insert; progress is reported after each.</summary>
    public int WriteChunkRows { get; set; } = 10_000;
}

public enum ImportBatchStatus
{
    Completed = 1,
    Undone = 2,
}

/// <summary>
/// One imported file: its facts point at <see cref="SourceId"/>. Kept after an undo (status Undone) as
/// history; the undo removes the facts and the fact source, and restores what the batch changed
/// (<see cref="Reverts"/>: the previous values of rows it modified, as JSON).
/// </summary>
public sealed class ImportBatch
{
    /// <summary>The longest file name stored (and accepted by the API).</summary>
    public const int MaxFileNameLength = 260;

    public int Id { get; set; }

    public int? SourceId { get; set; }

    public required string Kind { get; set; }

    public required string FileName { get; set; }

    /// <summary>Lower-case hex SHA-256 of the file.</summary>
    public required string Sha256 { get; set; }

    public int Rows { get; set; }

    public int Added { get; set; }

    public int Changed { get; set; }

    public int AlreadyStored { get; set; }

    public ImportBatchStatus Status { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? UndoneBy { get; set; }

    public DateTimeOffset? UndoneAt { get; set; }

    /// <summary>The quarters (keys, comma-separated) whose facts the batch touched.</summary>
    public string Quarters { get; set; } = string.Empty;

    /// <summary>JSON list of the stored rows the batch modified, with their previous values.</summary>
    public string? Reverts { get; set; }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.ToTable("ImportBatches");
        builder.Property(e => e.Kind).HasMaxLength(20);
        builder.Property(e => e.FileName).HasMaxLength(ImportBatch.MaxFileNameLength);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.CreatedBy).HasMaxLength(256);
        builder.Property(e => e.UndoneBy).HasMaxLength(256);
        builder.Property(e => e.Quarters).HasMaxLength(4000);
        builder.HasIndex(e => new { e.Kind, e.Sha256 });
        builder.HasIndex(e => e.SourceId);
        builder.HasOne<FactSource>().WithMany().HasForeignKey(e => e.SourceId).OnDelete(DeleteBehavior.SetNull);
    }
}
