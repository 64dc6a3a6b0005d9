using System.Globalization;
using System.Security.Claims;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Meetings.Entry;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Practices.Catalogue;
using PartyOrg.Dashboard.Infrastructure;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Aggregates;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Forms;

/// <summary>
/// <see cref="TinyProvince"/> (P → D → G → C1, C2, 2024-Q4 computed) plus a second district D2 → G2 → C3
/// outside district D, on a real database; "today" is 05/01/2025 in the province. The form services are
/// wired as the app wires them, with the jobs they queue recorded instead of run.
/// </summary>
public sealed class FormsFixture : IAsyncDisposable
{
    public static readonly Quarter Q4 = TinyProvince.Quarter;

    private FormsFixture(TestDatabase db)
    {
        Db = db;
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 5, 3, 0, 0, TimeSpan.Zero));
        Clock = new AppClock(Time);
        Changes = new FactChanges(new AggregateScheduler(Jobs), Clock);
        Meetings = new MeetingEntryService(db.Contexts, Clock, Changes, new AuditLog(Clock), new ScopeResolver(new OrgTreeService(db.Contexts)));
        Catalogue = new PracticeCatalogueService(db.Contexts, Clock, Changes, new AuditLog(Clock));
        Aggregates = new AggregateService(db.Contexts, new QuarterFactsLoader(db.Contexts, new OrgTreeService(db.Contexts)), Time, new AppNode("test"), NullLogger<AggregateService>.Instance);
    }

    public TestDatabase Db { get; }

    public FakeTimeProvider Time { get; }

    public AppClock Clock { get; }

    public RecordingJobClient Jobs { get; } = new();

    public FactChanges Changes { get; }

    public MeetingEntryService Meetings { get; }

    public PracticeCatalogueService Catalogue { get; }

    public AggregateService Aggregates { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<FormsFixture> CreateAsync(DatabaseProvider provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var fixture = new FormsFixture(db);
        await using var context = db.CreateContext();
        var sourceId = await TinyProvince.SeedAsync(context, Ct);
        var p = await context.Units.SingleAsync(u => u.Code == "P", Ct);
        var d2 = Unit(context, "D2", "Đảng bộ huyện khác", UnitKind.UpperCommittee, UnitSector.District, p.Id, sourceId);
        await context.SaveChangesAsync(Ct);
        var g2 = Unit(context, "G2", "Đảng bộ xã khác", UnitKind.GrassrootsCommittee, UnitSector.Commune, d2.Id, sourceId);
        await context.SaveChangesAsync(Ct);
        Unit(context, "C3", "Chi bộ ấp 3", UnitKind.Cell, UnitSector.Hamlet, g2.Id, sourceId);
        await context.SaveChangesAsync(Ct);
        await DataVersions.MarkChangedAsync(context, [Q4], DateTimeOffset.UnixEpoch, Ct);
        await fixture.Aggregates.RecomputeAsync(Q4, Ct);
        return fixture;
    }

    public static ClaimsPrincipal User(string email, string role, string? scope = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, email), new(ClaimTypes.Role, role) };
        if (scope is not null)
        {
            claims.Add(new Claim(UserScope.ClaimType, scope));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    public static ClaimsPrincipal DistrictEditor => User("huyen@demo.test", Roles.DistrictEditor, "D");

    public static ClaimsPrincipal OrgBoard => User("bantochuc@demo.test", Roles.OrgBoard);

    public Task<string> ChecksumAsync() => WithContextAsync(db => FactChecksum.ComputeAsync(db, Ct));

    public Task<long> DataVersionAsync(Quarter quarter) =>
        WithContextAsync(db => db.QuarterStates.Where(s => s.QuarterKey == quarter.Key).Select(s => s.DataVersion).SingleOrDefaultAsync(Ct));

    public Task<List<AuditEntry>> AuditAsync() => WithContextAsync(db => db.AuditLog.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct));

    public Task<int> UnitIdAsync(string code) => WithContextAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync(Ct));

    /// <summary>A metric's value for a unit after recomputing the quarter.</summary>
    public async Task<double?> MetricAfterRecomputeAsync(string unitCode, string key, Quarter quarter)
    {
        await Aggregates.RecomputeAsync(quarter, Ct);
        var metrics = new MetricsQueryService(Db.Contexts);
        var values = await metrics.GetAsync(await UnitIdAsync(unitCode), quarter, [key], Ct);
        return values.Values[key].Value;
    }

    public async Task<T> WithContextAsync<T>(Func<AppDbContext, Task<T>> read)
    {
        await using var db = Db.CreateContext();
        return await read(db);
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
    }

    private static OrgUnit Unit(AppDbContext db, string code, string name, UnitKind kind, UnitSector sector, int parentId, int sourceId)
    {
        var from = new DateOnly(2020, 1, 1);
        var unit = new OrgUnit { Code = code, ValidFrom = from, SourceId = sourceId };
        unit.Versions.Add(new OrgUnitVersion { Name = name, ShortName = name, Kind = kind, Sector = sector, ParentId = parentId, ValidFrom = from, SourceId = sourceId });
        db.Units.Add(unit);
        return unit;
    }
}

/// <summary>Records the jobs a service enqueues instead of running them.</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public List<Job> Created { get; } = [];

    public string Create(Job job, IState state)
    {
        Created.Add(job);
        return Created.Count.ToString(CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}

/// <summary>Pins vi-VN for a test class (messages are checked in Vietnamese) and restores the machine's afterwards.</summary>
public abstract class VietnameseTest : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    protected VietnameseTest()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("vi-VN");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        GC.SuppressFinalize(this);
    }
}
