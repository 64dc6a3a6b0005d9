using System.Globalization;
using System.Text;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Briefings;
using PartyOrg.Dashboard.Features.Briefings.Archive;
using PartyOrg.Dashboard.Features.Briefings.Archive.Pages;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Components.Tests.Briefings;

/// <summary>The Briefings page: the archive in the user's scope, and "generate now" followed on Hangfire's job state.</summary>
public sealed class BriefingsPageTests : ComponentTest, IAsyncLifetime
{
    private readonly InMemoryStorage _storage = new();
    private OrgDatabase _db = default!;

    public async ValueTask InitializeAsync()
    {
        _db = await DashboardProvince.CreateAsync(Services);
        Services.AddSingleton<JobStorage>(_storage);
        Services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(_storage));
        Services.AddSingleton(Options.Create(new BriefingOptions()));
        Services.AddSingleton<BriefingAccess>();
        Services.AddSingleton<BriefingArchive>();
        Services.AddTransient<BriefingScheduler>();
        await ArchiveAsync("TV");
        await ArchiveAsync("TC");
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _storage.Dispose();
        await _db.DisposeAsync();
    }

    private async Task ArchiveAsync(string code)
    {
        int unitId;
        await using (var context = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            unitId = await context.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync(Xunit.TestContext.Current.CancellationToken);
        }

        var request = new BriefingRequest(DashboardProvince.Q4, code, CultureInfo.GetCultureInfo("vi-VN"));
        var files = BriefingFormats.All.Select(f => new BriefingFile(f, $"{code}.{BriefingFormats.Name(f)}", "application/octet-stream", new byte[2048])).ToList();
        await Services.GetRequiredService<BriefingArchive>().StoreAsync(unitId, code, new RenderedBriefing(request, $"Đảng bộ {code}", 3, DateTimeOffset.UnixEpoch, files), "schedule", Xunit.TestContext.Current.CancellationToken);
    }

    private IRenderedComponent<BriefingsPage> RenderPage(string query = "")
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/briefings" + query);
        return Render<BriefingsPage>();
    }

    [Fact]
    public void A_district_editor_sees_their_units_briefings_only_and_may_generate_for_it()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.DistrictEditor, scopeUnitCode: "TC");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("1 phiên bản", page.Find("[data-testid='briefings-count']").TextContent.Trim()));
        Assert.Single(page.FindAll("[data-testid^='download-']"), a => a.TextContent.Contains("PDF · 2 KB", StringComparison.Ordinal));
        Assert.All(page.FindAll("[data-testid^='download-']"), a => Assert.Contains("/api/v1/briefings/2/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Contains("Theo lịch", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid='generate']"));
    }

    [Fact]
    public void The_standing_committee_reads_every_briefing_but_does_not_generate()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var page = RenderPage("?quarter=2024-Q4");

        page.WaitForAssertion(() => Assert.Equal("2 phiên bản", page.Find("[data-testid='briefings-count']").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid='generate']"));
    }

    [Fact]
    public void The_scope_filter_comes_from_the_url()
    {
        using var culture = new CultureScope("en-US");
        SignIn(Roles.Admin);

        var page = RenderPage("?scope=TV");

        page.WaitForAssertion(() => Assert.Equal("1 versions", page.Find("[data-testid='briefings-count']").TextContent.Trim()));
        Assert.All(page.FindAll("[data-testid^='download-']"), a => Assert.Contains("/api/v1/briefings/1/", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Generate_now_queues_a_job_and_follows_it_until_it_succeeds()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.OrgBoard);
        var clock = (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();
        var page = RenderPage("?quarter=2024-Q4&scope=TC");
        page.WaitForElement("[data-testid='generate']");

        page.Find("[data-testid='generate']").Click();

        page.WaitForAssertion(() => Assert.Contains("Đang chờ xử lý", page.Find("[data-testid='generate-progress']").TextContent, StringComparison.Ordinal));
        var jobId = Assert.Single(_storage.GetMonitoringApi().EnqueuedJobs("default", 0, 10)).Key;
        var job = _storage.GetMonitoringApi().JobDetails(jobId).Job;
        Assert.Equal(nameof(BriefingJobs.GenerateAsync), job.Method.Name);
        Assert.Equal([DashboardProvince.Q4.Key, "TC", "vi", "user@demo.travinh.vn"], job.Args.Take(4));

        // A poll while the job waits changes nothing; then a worker runs it and the next poll reloads the list.
        clock.Advance(BriefingsPage.PollInterval);
        page.WaitForAssertion(() => Assert.Contains("Đang chờ xử lý", page.Find("[data-testid='generate-progress']").TextContent, StringComparison.Ordinal));
        await ArchiveNewVersionAsync();
        new BackgroundJobClient(_storage).ChangeState(jobId, new SucceededState(3, 0, 0), EnqueuedState.StateName);
        clock.Advance(BriefingsPage.PollInterval);

        page.WaitForAssertion(() => Assert.Equal("Đã lập và lưu trữ báo cáo.", page.Find("[data-testid='generate-outcome']").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal("2 phiên bản", page.Find("[data-testid='briefings-count']").TextContent.Trim());
    }

    [Fact]
    public void A_failed_generation_says_why()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.Admin);
        var clock = (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();
        var page = RenderPage("?quarter=2024-Q4&scope=TC");
        page.WaitForElement("[data-testid='generate']");

        page.Find("[data-testid='generate']").Click();
        page.WaitForElement("[data-testid='generate-progress']");
        var jobId = Assert.Single(_storage.GetMonitoringApi().EnqueuedJobs("default", 0, 10)).Key;
        new BackgroundJobClient(_storage).ChangeState(jobId, new FailedState(new InvalidOperationException("quý 2024-Q4 đang được tính lại")), EnqueuedState.StateName);
        clock.Advance(BriefingsPage.PollInterval);

        page.WaitForAssertion(() => Assert.Equal("Không lập được báo cáo: quý 2024-Q4 đang được tính lại", page.Find("[data-testid='generate-outcome']").TextContent.Trim()), TimeSpan.FromSeconds(10));
    }

    private async Task ArchiveNewVersionAsync()
    {
        int unitId;
        await using (var context = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            unitId = await context.Units.Where(u => u.Code == "TC").Select(u => u.Id).SingleAsync(Xunit.TestContext.Current.CancellationToken);
        }

        var request = new BriefingRequest(DashboardProvince.Q4, "TC", CultureInfo.GetCultureInfo("vi-VN"));
        var files = BriefingFormats.All.Select(f => new BriefingFile(f, $"TC.{BriefingFormats.Name(f)}", "application/octet-stream", Encoding.UTF8.GetBytes("v4"))).ToList();
        await Services.GetRequiredService<BriefingArchive>().StoreAsync(unitId, "TC", new RenderedBriefing(request, "Đảng bộ TC", 4, DateTimeOffset.UnixEpoch, files), "user@demo.travinh.vn", Xunit.TestContext.Current.CancellationToken);
    }
}
