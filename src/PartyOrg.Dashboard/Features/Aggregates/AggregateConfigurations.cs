using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyOrg.Dashboard.Features.Organisation;

namespace PartyOrg.Dashboard.Features.Aggregates;

internal sealed class MetricValueConfiguration : IEntityTypeConfiguration<MetricValue>
{
    public void Configure(EntityTypeBuilder<MetricValue> builder)
    {
        builder.ToTable("Metrics");
        builder.HasKey(e => new { e.QuarterKey, e.UnitId, e.Key });
        builder.Property(e => e.Key).HasMaxLength(64);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Cascade);
        // No secondary index: the series query seeks the key once per quarter (QuarterKey IN …), and
        // every index would be paid for by the 100,000-row swap of each recompute.
    }
}

internal sealed class QuarterStateConfiguration : IEntityTypeConfiguration<QuarterState>
{
    public void Configure(EntityTypeBuilder<QuarterState> builder)
    {
        builder.HasKey(e => e.QuarterKey);
        builder.Property(e => e.QuarterKey).ValueGeneratedNever();
        builder.Property(e => e.LeaseOwner).HasMaxLength(64);
        builder.Property(e => e.LastError).HasMaxLength(2000);
        builder.Ignore(e => e.IsStale);
    }
}
