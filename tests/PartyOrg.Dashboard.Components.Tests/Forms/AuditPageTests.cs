using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Audit.Pages;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Components.Tests.Forms;

/// <summary>The audit log page on a real SQLite database with three known lines.</summary>
public sealed class AuditPageTests : ComponentTest, IAsyncLifetime
{
    private OrgDatabase _db = default!;

    public async ValueTask InitializeAsync()
    {
        _db = await OrgDatabase.CreateAsync();
        Services.AddSingleton(_db.Contexts);
        Services.AddSingleton<AuditQueryService>();
        await using var context = _db.Contexts.CreateDbContext();
        foreach (var (at, actor, action, subject, details) in new[]
        {
            (new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero), "tieucan@demo.travinh.vn", AuditAction.MeetingForm, "TC-TT-K1 02/11/2026 Regular (#7)", "Present=9"),
            (new DateTimeOffset(2026, 11, 20, 8, 15, 30, TimeSpan.Zero), "bantochuc@demo.travinh.vn", AuditAction.PracticeEdit, "M12", "Name: A → B"),
            (new DateTimeOffset(2026, 11, 25, 23, 45, 0, TimeSpan.Zero), "tieucan@demo.travinh.vn", AuditAction.MeetingForm, "TC-TT-K2 25/11/2026 Thematic (#8)", "Present: 8 → 9"),
        })
        {
            new AuditLog(new AppClock(new FakeTimeProvider(at))).Record(context, actor, action, subject, changed: 1, details: details);
        }

        await context.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public void Lines_are_listed_newest_first_in_Vietnam_time()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.Admin);

        var page = RenderAt("/admin/audit");

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid='audit-subject']").Count));
        Assert.Equal(
            ["TC-TT-K2 25/11/2026 Thematic (#8)", "M12", "TC-TT-K1 02/11/2026 Regular (#7)"],
            page.FindAll("[data-testid='audit-subject']").Select(e => e.TextContent.Trim()).ToArray());
        // 25/11 23:45 UTC is 26/11 06:45 in Asia/Ho_Chi_Minh.
        Assert.Equal("26/11/2026 06:45:00", page.FindAll("[data-testid='audit-time']")[0].TextContent.Trim());
        Assert.Equal("Biểu mẫu sinh hoạt chi bộ", page.FindAll("[data-testid='audit-action']")[0].TextContent.Trim());
        Assert.Equal("Present: 8 → 9", page.FindAll("[data-testid='audit-details']")[0].TextContent.Trim());
    }

    [Fact]
    public void The_filters_come_from_the_URL()
    {
        using var culture = new CultureScope("en-US");
        SignIn(Roles.Admin);

        var page = RenderAt("/admin/audit?actor=tieucan%40demo.travinh.vn&action=MeetingForm&from=2026-11-10&to=2026-11-30");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='audit-subject']")));
        Assert.Equal("TC-TT-K2 25/11/2026 Thematic (#8)", page.Find("[data-testid='audit-subject']").TextContent.Trim());
        Assert.Equal("Meeting form", page.Find("[data-testid='audit-action']").TextContent.Trim());
    }

    [Fact]
    public void A_filter_that_matches_nothing_says_so()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.Admin);

        var page = RenderAt("/admin/audit?action=UndoImport");

        page.WaitForAssertion(() => Assert.Equal("Không có dòng nhật ký nào khớp bộ lọc.", page.Find("[data-testid='audit-empty']").TextContent.Trim()));
    }

    private IRenderedComponent<AuditPage> RenderAt(string uri)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        return Render<AuditPage>();
    }
}
