using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Briefings.Archive;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Practices;
using PartyOrg.Dashboard.Features.Surveys;

namespace PartyOrg.Dashboard.Infrastructure.Data;

/// <summary>
/// The one database of the app. The model is provider-agnostic; each provider has its own subclass
/// only so that its migrations live apart (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>).
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<FactSource> FactSources => Set<FactSource>();

    public DbSet<OrgUnit> Units => Set<OrgUnit>();

    public DbSet<OrgUnitVersion> UnitVersions => Set<OrgUnitVersion>();

    public DbSet<LineageEvent> LineageEvents => Set<LineageEvent>();

    public DbSet<MembershipSnapshot> Memberships => Set<MembershipSnapshot>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<MeetingAttendance> MeetingAttendance => Set<MeetingAttendance>();

    public DbSet<SurveyRound> SurveyRounds => Set<SurveyRound>();

    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();

    public DbSet<Practice> Practices => Set<Practice>();

    public DbSet<Adoption> Adoptions => Set<Adoption>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<MetricValue> Metrics => Set<MetricValue>();

    public DbSet<QuarterState> QuarterStates => Set<QuarterState>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();

    public DbSet<ArchivedBriefing> Briefings => Set<ArchivedBriefing>();

    public DbSet<ArchivedBriefingFile> BriefingFiles => Set<ArchivedBriefingFile>();

    /// <summary>The Data Protection key ring shared by every node (see <c>Infrastructure/KeyRing</c>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their numbers on every provider.
        configurationBuilder.Properties<Enum>().HaveConversion<int>();
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
