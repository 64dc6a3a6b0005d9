using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Practices;
using PartyOrg.Dashboard.Features.Surveys;

namespace PartyOrg.Dashboard.Infrastructure.Data;

internal static class SourceConfiguration
{
    public static void HasFactSource<T>(this EntityTypeBuilder<T> builder)
        where T : class, IHasSource
    {
        builder.HasOne<FactSource>().WithMany().HasForeignKey(e => e.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.SourceId);
    }
}

internal sealed class FactSourceConfiguration : IEntityTypeConfiguration<FactSource>
{
    public void Configure(EntityTypeBuilder<FactSource> builder)
    {
        builder.Property(e => e.Label).HasMaxLength(400);
        builder.Property(e => e.CreatedBy).HasMaxLength(256);
    }
}

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> builder)
    {
        builder.Property(e => e.Code).HasMaxLength(32);
        builder.HasIndex(e => e.Code).IsUnique();
        builder.HasMany(e => e.Versions).WithOne(v => v.Unit).HasForeignKey(v => v.UnitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasFactSource();
    }
}

internal sealed class OrgUnitVersionConfiguration : IEntityTypeConfiguration<OrgUnitVersion>
{
    public void Configure(EntityTypeBuilder<OrgUnitVersion> builder)
    {
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.ShortName).HasMaxLength(100);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.UnitId, e.ValidFrom }).IsUnique();
        builder.HasIndex(e => new { e.ParentId, e.ValidFrom });
        builder.HasFactSource();
    }
}

internal sealed class LineageEventConfiguration : IEntityTypeConfiguration<LineageEvent>
{
    public void Configure(EntityTypeBuilder<LineageEvent> builder)
    {
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.PredecessorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.SuccessorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasFactSource();
    }
}

internal sealed class MembershipSnapshotConfiguration : IEntityTypeConfiguration<MembershipSnapshot>
{
    public void Configure(EntityTypeBuilder<MembershipSnapshot> builder)
    {
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.QuarterKey, e.UnitId }).IsUnique();
        builder.Ignore(e => e.Eligible);
        builder.ToTable(t => t.HasCheckConstraint("CK_Memberships_Counts", "\"Exempt\" >= 0 AND \"Exempt\" <= \"Members\""));
        builder.HasFactSource();
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.Date, e.UnitId });
        builder.HasIndex(e => new { e.UnitId, e.Date, e.Kind });
        builder.HasMany(e => e.Attendance).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasFactSource();
        builder.HasOne<FactSource>().WithMany().HasForeignKey(e => e.OriginSourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.OriginSourceId);
    }
}

internal sealed class MeetingAttendanceConfiguration : IEntityTypeConfiguration<MeetingAttendance>
{
    public void Configure(EntityTypeBuilder<MeetingAttendance> builder)
    {
        builder.Property(e => e.MemberCode).HasMaxLength(32);
        builder.HasIndex(e => new { e.MeetingId, e.MemberCode }).IsUnique();
        builder.HasFactSource();
    }
}

internal sealed class SurveyRoundConfiguration : IEntityTypeConfiguration<SurveyRound>
{
    public void Configure(EntityTypeBuilder<SurveyRound> builder)
    {
        builder.Property(e => e.QuestionnaireVersion).HasMaxLength(20);
        builder.HasIndex(e => e.QuarterKey).IsUnique();
        builder.HasFactSource();
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.Property(e => e.Suggestion).HasMaxLength(2000);
        builder.HasOne<SurveyRound>().WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.RoundId, e.UnitId });
        builder.HasFactSource();
    }
}

internal sealed class PracticeConfiguration : IEntityTypeConfiguration<Practice>
{
    public void Configure(EntityTypeBuilder<Practice> builder)
    {
        builder.Property(e => e.Code).HasMaxLength(32);
        builder.HasIndex(e => e.Code).IsUnique();
        builder.Property(e => e.Name).HasMaxLength(300);
        builder.Property(e => e.NameEn).HasMaxLength(300);
        builder.Property(e => e.Description).HasMaxLength(4000);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.OriginUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasFactSource();
    }
}

internal sealed class AdoptionConfiguration : IEntityTypeConfiguration<Adoption>
{
    public void Configure(EntityTypeBuilder<Adoption> builder)
    {
        builder.Property(e => e.Notes).HasMaxLength(1000);
        builder.HasOne<Practice>().WithMany().HasForeignKey(e => e.PracticeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.PracticeId, e.UnitId, e.StartedOn }).IsUnique();
        builder.HasFactSource();
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Property(e => e.Name).HasMaxLength(100);
        builder.Property(e => e.TokenHash).HasMaxLength(64);
        builder.HasIndex(e => e.TokenHash).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
