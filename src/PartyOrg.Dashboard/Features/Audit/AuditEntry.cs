using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Audit;

/// <summary>What was done to the data.</summary>
public enum AuditAction
{
    /// <summary>A file was imported (one batch).</summary>
    Import = 1,

    /// <summary>An import batch was undone: exactly its rows were removed.</summary>
    UndoImport = 2,

    /// <summary>A meeting was entered or corrected through the form.</summary>
    MeetingForm = 3,

    /// <summary>The practices catalogue was edited.</summary>
    PracticeEdit = 4,

    /// <summary>An adoption of a practice was recorded or changed.</summary>
    AdoptionEdit = 5,

    /// <summary>The organisation tree was changed (new unit, rename, move, merge, split, dissolve).</summary>
    StructureEdit = 6,

    /// <summary>An account or API token was changed: user disabled or enabled, password or role set, token created or revoked.</summary>
    AccessEdit = 7,
}

/// <summary>
/// One line of the audit log: who changed what and when, with counts. Written in the same
/// transaction as the change it records, so a change never lands without its line (or the reverse).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The user's e-mail, or "cli" / "schedule" for the system.</summary>
    public required string Actor { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>What it was about: a file name and import kind, a unit code and meeting date, a practice code.</summary>
    public required string Subject { get; set; }

    /// <summary>The provenance row of the facts written (an import batch or a form entry), when there is one.</summary>
    public int? SourceId { get; set; }

    public int Added { get; set; }

    public int Changed { get; set; }

    public int Removed { get; set; }

    /// <summary>Free text: the quarters touched, the reason given for an undo.</summary>
    public string? Details { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.Subject).HasMaxLength(512);
        builder.Property(e => e.Details).HasMaxLength(4000);
        builder.HasIndex(e => e.At);
        builder.HasOne<FactSource>().WithMany().HasForeignKey(e => e.SourceId).OnDelete(DeleteBehavior.SetNull);
    }
}
