using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Dashboard;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Components.Tests.Infrastructure;

/// <summary>
/// A small province whose members add up to the seed article's 45,622 (6,034 exempt) at the end of
/// 2024-Q4 and to 100 at the end of 2024-Q3, with its aggregates computed as the app does, and the
/// services the dashboard pages use. "Today" is in 2025-Q1, so the default quarter is 2024-Q4.
/// </summary>
public static class DashboardProvince
{
    public static readonly Quarter Q4 = new(2024, 4);
    public static readonly Quarter Q3 = new(2024, 3);

    public static async Task<OrgDatabase> CreateAsync(IServiceCollection services)
    {
        var db = await OrgDatabase.CreateAsync();
        await db.AddUnitAsync("TV", "Đảng bộ tỉnh Trà Vinh", UnitKind.Province, UnitSector.None);
        await db.AddUnitAsync("TC", "Đảng bộ huyện Tiểu Cần", UnitKind.UpperCommittee, UnitSector.District, "TV");
        await db.AddUnitAsync("TC-TT", "Đảng bộ thị trấn Tiểu Cần", UnitKind.GrassrootsCommittee, UnitSector.Township, "TC");
        await db.AddUnitAsync("TC-TT-K1", "Chi bộ khóm 1", UnitKind.Cell, UnitSector.Hamlet, "TC-TT");
        await db.AddUnitAsync("TC-TT-K2", "Chi bộ khóm 2", UnitKind.Cell, UnitSector.Hamlet, "TC-TT");
        await db.AddUnitAsync("KCQ-CB", "Chi bộ Sở Tư pháp", UnitKind.GrassrootsCell, UnitSector.Agency, "TV");
        await db.AddRollAsync("TC-TT-K1", Q4, 30_000, 4_000);
        await db.AddRollAsync("TC-TT-K2", Q4, 15_000, 2_000);
        await db.AddRollAsync("KCQ-CB", Q4, 622, 34);
        await db.AddRollAsync("TC-TT-K1", Q3, 100, 10);

        services.AddSingleton(db.Contexts);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2025, 2, 10, 3, 0, 0, TimeSpan.Zero)));
        services.AddSingleton<AppClock>();
        services.AddSingleton<IBackgroundJobClient, RecordingJobClient>();
        services.AddOrganisation();
        services.AddAggregates();
        services.AddDashboard();
        return db;
    }

    /// <summary>Computes the aggregates of both quarters, as the app's first start does.</summary>
    public static async Task ComputeAsync(IServiceProvider services)
    {
        var aggregates = services.GetRequiredService<AggregateService>();
        await aggregates.RecomputeAsync(Q3, Xunit.TestContext.Current.CancellationToken);
        await aggregates.RecomputeAsync(Q4, Xunit.TestContext.Current.CancellationToken);
    }
}
