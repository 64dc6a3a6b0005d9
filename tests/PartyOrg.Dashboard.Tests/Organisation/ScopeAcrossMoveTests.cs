using System.Security.Claims;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Dashboard;
using PartyOrg.Dashboard.Features.Dashboard.Analysis;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Forms;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Organisation;

/// <summary>
/// The scope matrix of a series or trend across a move (<see cref="MovedCellProvince"/>): cell CM leaves D1 for D2
/// on 01/01/2025. Every quarter a series or trend returns is checked against the scope of that quarter; D1's editor
/// has CM's quarters up to 2024-Q4 only (a move out), D2's editor from 2025-Q1 only (a move in), the province all.
/// </summary>
public sealed class ScopeAcrossMoveTests
{
    private static readonly Quarter LastBefore = MovedCellProvince.BeforeMove[^1];
    private static readonly Quarter LastAfter = MovedCellProvince.AfterMove[^1];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DatabaseProvider, string, string[]> HeldQuarters => new()
    {
        { DatabaseProvider.Sqlite, "D1", ["2024-Q3", "2024-Q4"] },
        { DatabaseProvider.Sqlite, "D2", ["2025-Q1", "2025-Q2"] },
        { DatabaseProvider.Sqlite, "G2", ["2025-Q1", "2025-Q2"] },
        { DatabaseProvider.Sqlite, "CM", ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"] },
        { DatabaseProvider.Sqlite, "", ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"] },
        { DatabaseProvider.Postgres, "D1", ["2024-Q3", "2024-Q4"] },
        { DatabaseProvider.Postgres, "D2", ["2025-Q1", "2025-Q2"] },
        { DatabaseProvider.Postgres, "", ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"] },
    };

    [Theory]
    [MemberData(nameof(HeldQuarters))]
    public async Task ScopeResolver_HoldsTheMovedCell_OnlyInTheQuartersItWasInTheScope(DatabaseProvider provider, string scope, string[] expected)
    {
        await using var world = await World.CreateAsync(provider);
        var resolver = world.Services.GetRequiredService<ScopeResolver>();

        var held = await resolver.QuartersHoldingAsync(Scope(scope), await world.IdAsync(MovedCellProvince.Moved), MovedCellProvince.Quarters, Ct);

        Assert.Equal(expected, held.Select(q => q.ToString()));
    }

    [Theory]
    [MemberData(nameof(HeldQuarters))]
    public async Task SeriesApi_AcrossTheMove_ReturnsOnlyTheQuartersInTheCallersScope_WithTheirFigures(DatabaseProvider provider, string scope, string[] expected)
    {
        await using var world = await World.CreateAsync(provider);

        var answer = await world.SeriesAsync(User(scope), "2024-Q3", "2025-Q2");

        var series = Assert.IsType<Ok<MetricSeriesDto>>(answer.Result).Value!;
        Assert.Equal(expected, series.Points.Select(p => p.Quarter));
        Assert.All(series.Points, p => Assert.Equal((double?)MovedCellProvince.MembersOfMovedCell(Quarter.Parse(p.Quarter)), p.Value));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "D1", "2025-Q1", "2025-Q2")]
    [InlineData(DatabaseProvider.Sqlite, "D2", "2024-Q3", "2024-Q4")]
    [InlineData(DatabaseProvider.Postgres, "D1", "2025-Q1", "2025-Q2")]
    [InlineData(DatabaseProvider.Postgres, "D2", "2024-Q3", "2024-Q4")]
    public async Task SeriesApi_ARangeWhollyOutsideTheScope_Is404(DatabaseProvider provider, string scope, string from, string to)
    {
        await using var world = await World.CreateAsync(provider);

        var answer = await world.SeriesAsync(User(scope), from, to);

        var problem = Assert.IsType<ProblemHttpResult>(answer.Result);
        Assert.Equal(404, problem.StatusCode);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task UnitPage_AfterAMoveIn_TrendAndComparisonsHoldNoQuarterFromBefore(DatabaseProvider provider)
    {
        await using var world = await World.CreateAsync(provider);
        var dashboard = world.Services.GetRequiredService<DashboardService>();

        var editor = await dashboard.GetAsync(User("D2"), MovedCellProvince.Moved, MovedCellProvince.AfterMove[0], null, Ct);
        var editorLater = await dashboard.GetAsync(User("D2"), MovedCellProvince.Moved, LastAfter, null, Ct);
        var province = await dashboard.GetAsync(User(""), MovedCellProvince.Moved, MovedCellProvince.AfterMove[0], null, Ct);

        Assert.Equal(new[] { MovedCellProvince.AfterMove[0] }, editor.Dashboard!.Trend.Select(p => p.Quarter));
        Assert.Equal(MovedCellProvince.AfterMove, editorLater.Dashboard!.Trend.Select(p => p.Quarter));
        var rate = editor.Dashboard.Kpis.Single(k => k.Metric.Key == MetricKeys.AttendanceRate);
        Assert.NotNull(rate.Current);
        Assert.Null(rate.Previous); // 2024-Q4 was D1's
        Assert.Null(rate.LastYear);
        Assert.Equal(8, province.Dashboard!.Trend.Count);
        Assert.NotNull(province.Dashboard.Kpis.Single(k => k.Metric.Key == MetricKeys.AttendanceRate).Previous);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task UnitPage_BeforeAMoveOut_IsTheEditors_AndAfterItIsNot(DatabaseProvider provider)
    {
        await using var world = await World.CreateAsync(provider);
        var dashboard = world.Services.GetRequiredService<DashboardService>();

        var before = await dashboard.GetAsync(User("D1"), MovedCellProvince.Moved, LastBefore, null, Ct);
        var after = await dashboard.GetAsync(User("D1"), MovedCellProvince.Moved, LastAfter, null, Ct);

        Assert.Equal(LastBefore.Window(DashboardService.TrendLength), before.Dashboard!.Trend.Select(p => p.Quarter));
        Assert.NotNull(before.Dashboard.Kpis.Single(k => k.Metric.Key == MetricKeys.AttendanceRate).Previous);
        Assert.Equal(DashboardStatus.OutOfScope, after.Status);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task AnalysisPages_AfterAMoveIn_TrendsAndCurvesHoldOnlyTheEditorsQuarters(DatabaseProvider provider)
    {
        await using var world = await World.CreateAsync(provider);
        var analysis = world.Services.GetRequiredService<AnalysisService>();

        var attendance = await analysis.GetAttendanceAsync(User("D2"), MovedCellProvince.Moved, LastAfter, null, Ct);
        var surveys = await analysis.GetSurveysAsync(User("D2"), MovedCellProvince.Moved, LastAfter, null, Ct);
        var practices = await analysis.GetPracticesAsync(User("D2"), MovedCellProvince.Moved, LastAfter, Ct);
        var provinceAttendance = await analysis.GetAttendanceAsync(User(""), MovedCellProvince.Moved, LastAfter, null, Ct);

        Assert.Equal(MovedCellProvince.AfterMove, attendance.View!.TrendQuarters);
        Assert.Equal(MovedCellProvince.AfterMove.Length, attendance.View.Trend.Values.Count);
        Assert.All(attendance.View.Trend.Values, v => Assert.NotNull(v));
        Assert.Equal(MovedCellProvince.AfterMove, surveys.View!.TrendQuarters);
        Assert.Equal(MovedCellProvince.AfterMove.Length, surveys.View.IndexTrend.Values.Count);
        Assert.Equal(MovedCellProvince.AfterMove, practices.View!.Quarters);
        Assert.Equal(LastAfter.Window(DashboardService.TrendLength), provinceAttendance.View!.TrendQuarters);
    }

    private static UserScope Scope(string code) => code.Length == 0 ? UserScope.Province : new UserScope(false, code);

    private static ClaimsPrincipal User(string scope) => scope.Length == 0
        ? new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "analyst@test.vn"), new Claim(ClaimTypes.Role, Roles.OrgBoard)], "test"))
        : new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{scope}@test.vn"), new Claim(ClaimTypes.Role, Roles.DistrictEditor), new Claim(UserScope.ClaimType, scope)], "test"));

    /// <summary><see cref="MovedCellProvince"/> in a real database with its aggregates, and the app's services over it.</summary>
    private sealed class World : IAsyncDisposable
    {
        private World(TestDatabase db, ServiceProvider services)
        {
            Db = db;
            Services = services;
        }

        public TestDatabase Db { get; }

        public ServiceProvider Services { get; }

        public static async Task<World> CreateAsync(DatabaseProvider provider)
        {
            var db = await TestDatabase.CreateAsync(provider);
            await using (var context = db.CreateContext())
            {
                await MovedCellProvince.SeedAsync(context, Ct);
            }

            var services = new ServiceCollection()
                .AddSingleton(db.Contexts)
                .AddLogging()
                .AddSingleton<TimeProvider>(new FakeTimeProvider(MovedCellProvince.Now))
                .AddSingleton<AppClock>()
                .AddSingleton<IBackgroundJobClient, RecordingJobClient>()
                .AddOrganisation()
                .AddAggregates()
                .AddDashboard()
                .BuildServiceProvider();
            await MovedCellProvince.ComputeAsync(services, Ct);
            return new World(db, services);
        }

        public async Task<int> IdAsync(string code) =>
            (await Services.GetRequiredService<OrgTreeService>().GetTreeAsync(MovedCellProvince.Quarters[0], Ct)).Find(code)!.Id;

        public Task<Results<Ok<MetricSeriesDto>, ProblemHttpResult>> SeriesAsync(ClaimsPrincipal user, string from, string to) =>
            MetricsApi.GetSeriesAsync(
                MovedCellProvince.Moved, MetricKeys.MembersTotal, from, to, user,
                Services.GetRequiredService<ScopeResolver>(), Services.GetRequiredService<MetricsQueryService>(), Services.GetRequiredService<AppClock>(), Ct);

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            await Db.DisposeAsync();
        }
    }
}
