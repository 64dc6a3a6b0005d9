using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Dashboard.Components;

namespace PartyOrg.Dashboard.Components.Tests.Dashboard;

/// <summary>The "Tính lại quý này" button: queues the job, polls on the app's clock until the quarter is fresh, then reloads.</summary>
public sealed class RecomputeTests : ComponentTest, IAsyncLifetime
{
    private OrgDatabase _db = default!;

    public async ValueTask InitializeAsync()
    {
        _db = await DashboardProvince.CreateAsync(Services);
        await DashboardProvince.ComputeAsync(Services);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task The_organisation_board_queues_a_recompute_and_the_page_waits_until_it_is_done()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.OrgBoard);
        var clock = (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();
        var jobs = (RecordingJobClient)Services.GetRequiredService<IBackgroundJobClient>();
        var view = Render<UnitDashboardView>(p => p.Add(c => c.QuarterText, "2024-Q4"));
        view.WaitForElement("[data-testid='recompute']");

        view.Find("[data-testid='recompute']").Click();

        view.WaitForAssertion(() => Assert.Equal("Đang tính lại…", view.Find("[data-testid='recompute']").TextContent.Trim()));
        var job = Assert.Single(jobs.Created);
        Assert.Equal(nameof(AggregateJobs.RecomputeAsync), job.Method.Name);
        Assert.Equal(DashboardProvince.Q4.Key, job.Args[0]);

        // The job runs (here, by hand) a minute later; the next tick of the poll sees the fresh quarter.
        clock.Advance(TimeSpan.FromMinutes(1));
        await Services.GetRequiredService<AggregateService>().RecomputeAsync(DashboardProvince.Q4, Xunit.TestContext.Current.CancellationToken);
        clock.Advance(UnitDashboardView.PollInterval);

        view.WaitForAssertion(() => Assert.Equal("Tính lại quý này", view.Find("[data-testid='recompute']").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Contains("10/02/2025 10:01", view.Find("[data-testid='computed-at']").TextContent, StringComparison.Ordinal);
    }
}
