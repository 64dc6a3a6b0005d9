using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyOrg.Dashboard.Features.Organisation;

namespace PartyOrg.Dashboard.Features.Briefings.Archive;

internal sealed class ArchivedBriefingConfiguration : IEntityTypeConfiguration<ArchivedBriefing>
{
    public void Configure(EntityTypeBuilder<ArchivedBriefing> builder)
    {
        builder.ToTable("Briefings");
        builder.Property(e => e.ScopeCode).HasMaxLength(32);
        builder.Property(e => e.ScopeName).HasMaxLength(200);
        builder.Property(e => e.Culture).HasMaxLength(8);
        builder.Property(e => e.GeneratedBy).HasMaxLength(256);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.ScopeUnitId).OnDelete(DeleteBehavior.Restrict);
        // One version per quarter, scope, language and data version: generating again on unchanged data
        // finds this row, and two generations racing cannot both insert.
        builder.HasIndex(e => new { e.QuarterKey, e.ScopeUnitId, e.Culture, e.DataVersion }).IsUnique();
        builder.HasIndex(e => e.ScopeUnitId);
        builder.HasMany(e => e.Files).WithOne().HasForeignKey(f => f.BriefingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ArchivedBriefingFileConfiguration : IEntityTypeConfiguration<ArchivedBriefingFile>
{
    public void Configure(EntityTypeBuilder<ArchivedBriefingFile> builder)
    {
        builder.ToTable("BriefingFiles");
        builder.Property(e => e.FileName).HasMaxLength(260);
        builder.Property(e => e.ContentType).HasMaxLength(128);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.HasIndex(e => new { e.BriefingId, e.Format }).IsUnique();
        // Content last: SQLite then reads a row's other columns without walking the blob's overflow pages.
        var order = 0;
        builder.Property(e => e.Id).HasColumnOrder(order++);
        builder.Property(e => e.BriefingId).HasColumnOrder(order++);
        builder.Property(e => e.Format).HasColumnOrder(order++);
        builder.Property(e => e.FileName).HasColumnOrder(order++);
        builder.Property(e => e.ContentType).HasColumnOrder(order++);
        builder.Property(e => e.Size).HasColumnOrder(order++);
        builder.Property(e => e.Sha256).HasColumnOrder(order++);
        builder.Property(e => e.Content).HasColumnOrder(order);
    }
}
