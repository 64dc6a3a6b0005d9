using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Dashboard;
using TestContext = Xunit.TestContext;

namespace PartyOrg.Dashboard.Components.Tests.Dashboard;

/// <summary>
/// The dashboard's answers are read once per unit, quarter, metric and scope while the aggregates stay as
/// they are (the prerender and the circuit share one read), and read again after a recompute.
/// </summary>
public sealed class DashboardCacheTests : IAsyncLifetime
{
    private readonly ServiceCollection _services = new();
    private ServiceProvider _provider = default!;
    private OrgDatabase _db = default!;

    public async ValueTask InitializeAsync()
    {
        _db = await DashboardProvince.CreateAsync(_services);
        _provider = _services.BuildServiceProvider();
        await DashboardProvince.ComputeAsync(_provider);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task The_same_view_is_read_once_and_again_after_a_recompute_changed_the_figures()
    {
        var dashboard = _provider.GetRequiredService<DashboardService>();
        var board = User(Roles.StandingCommittee);
        var ct = TestContext.Current.CancellationToken;

        var first = await dashboard.GetAsync(board, null, DashboardProvince.Q4, null, ct);
        var again = await dashboard.GetAsync(board, null, DashboardProvince.Q4, null, ct);
        var otherScope = await dashboard.GetAsync(User(Roles.DistrictEditor, "TC"), null, DashboardProvince.Q4, null, ct);

        Assert.Same(first, again);
        Assert.Equal("TV", first.Dashboard!.Unit.Code);
        Assert.Equal("TC", otherScope.Dashboard!.Unit.Code);

        // A new roll and a recompute a minute later: the next read sees it.
        await _db.AddRollAsync("TC-TT-K2", DashboardProvince.Q3, 50, 5);
        ((FakeTimeProvider)_provider.GetRequiredService<TimeProvider>()).Advance(TimeSpan.FromMinutes(1));
        await _provider.GetRequiredService<AggregateService>().RecomputeAsync(DashboardProvince.Q3, ct);

        var after = await dashboard.GetAsync(board, null, DashboardProvince.Q4, null, ct);
        Assert.NotSame(first, after);
        Assert.Equal(100, first.Dashboard.Kpis[0].Previous);
        Assert.Equal(150, after.Dashboard!.Kpis[0].Previous);
    }

    private static ClaimsPrincipal User(string role, string? scope = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Role, role) };
        if (scope is not null)
        {
            claims.Add(new Claim(UserScope.ClaimType, scope));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }
}
