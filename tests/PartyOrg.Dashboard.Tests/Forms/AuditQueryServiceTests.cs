using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Forms;

/// <summary>The audit log read newest first, filtered and paged on the server, on both providers.</summary>
public sealed class AuditQueryServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Five lines written at known instants (UTC); 17:30 UTC on 31/10 is already 01/11 in Vietnam.</summary>
    private static async Task<TestDatabase> LogAsync(DatabaseProvider provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await using var context = db.CreateContext();
        foreach (var (at, actor, action, subject) in new[]
        {
            (new DateTimeOffset(2026, 10, 30, 2, 0, 0, TimeSpan.Zero), "a@demo.test", AuditAction.Import, "meetings.csv"),
            (new DateTimeOffset(2026, 10, 31, 17, 30, 0, TimeSpan.Zero), "b@demo.test", AuditAction.MeetingForm, "C1 01/11/2026"),
            (new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero), "a@demo.test", AuditAction.MeetingForm, "C2 02/11/2026"),
            (new DateTimeOffset(2026, 11, 15, 9, 0, 0, TimeSpan.Zero), "b@demo.test", AuditAction.PracticeEdit, "M12"),
            (new DateTimeOffset(2026, 11, 30, 16, 59, 0, TimeSpan.Zero), "a@demo.test", AuditAction.MeetingForm, "C3 30/11/2026"),
        })
        {
            new AuditLog(new AppClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(at))).Record(context, actor, action, subject, added: 1);
            await context.SaveChangesAsync(Ct);
        }

        return db;
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Lines_come_newest_first_one_page_at_a_time(DatabaseProvider provider)
    {
        await using var db = await LogAsync(provider);
        var audit = new AuditQueryService(db.Contexts);

        var first = await audit.PageAsync(new AuditFilter(), 0, 2, Ct);
        var third = await audit.PageAsync(new AuditFilter(), 2, 2, Ct);

        Assert.Equal(5, first.Total);
        Assert.Equal(["C3 30/11/2026", "M12"], first.Rows.Select(r => r.Subject).ToArray());
        Assert.Equal(["meetings.csv"], third.Rows.Select(r => r.Subject).ToArray());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Filters_by_actor_action_and_days_in_the_provinces_time_zone(DatabaseProvider provider)
    {
        await using var db = await LogAsync(provider);
        var audit = new AuditQueryService(db.Contexts);

        var november = await audit.PageAsync(new AuditFilter(From: new DateOnly(2026, 11, 1), To: new DateOnly(2026, 11, 30)), 0, 10, Ct);
        var formsOfA = await audit.PageAsync(new AuditFilter("a@demo.test", AuditAction.MeetingForm), 0, 10, Ct);
        var oneDay = await audit.PageAsync(new AuditFilter(Action: AuditAction.MeetingForm, From: new DateOnly(2026, 11, 2), To: new DateOnly(2026, 11, 2)), 0, 10, Ct);

        // 31/10 17:30 UTC is 01/11 00:30 in Vietnam; 30/11 16:59 UTC is 30/11 23:59 there.
        Assert.Equal(["C3 30/11/2026", "M12", "C2 02/11/2026", "C1 01/11/2026"], november.Rows.Select(r => r.Subject).ToArray());
        Assert.Equal(["C3 30/11/2026", "C2 02/11/2026"], formsOfA.Rows.Select(r => r.Subject).ToArray());
        Assert.Equal(["C2 02/11/2026"], oneDay.Rows.Select(r => r.Subject).ToArray());
        Assert.Equal(["a@demo.test", "b@demo.test"], await audit.ActorsAsync(Ct));
    }
}
