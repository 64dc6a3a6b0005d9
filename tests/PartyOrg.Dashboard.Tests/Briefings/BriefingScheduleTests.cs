using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PartyOrg.Dashboard.Features.Briefings.Archive;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Aggregates;

namespace PartyOrg.Dashboard.Tests.Briefings;

/// <summary>When briefings fall due, and the scheduled runs over a fake clock (Asia/Ho_Chi_Minh).</summary>
public sealed class BriefingScheduleTests
{
    private static readonly Quarter Q4 = TinyProvince.Quarter; // 2024-Q4
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(5, "2024-12-31", "2025-01-05")]
    [InlineData(5, "2024-06-30", "2024-07-05")]
    [InlineData(1, "2025-03-31", "2025-04-01")]
    [InlineData(28, "2025-09-30", "2025-10-28")]
    public void DueDate_IsTheConfiguredNumberOfDaysAfterTheQuarterEnds(int days, string end, string due)
    {
        var quarter = Quarter.Containing(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), new BriefingSchedule(days, 4).DueDate(quarter));
    }

    [Fact]
    public void QuarterlyRun_IsTheQuarterJustClosed_FromItsDueDayOn()
    {
        var schedule = new BriefingSchedule(5, 4);

        Assert.Null(schedule.QuarterlyRun(new DateOnly(2025, 1, 4)));
        Assert.Equal(Q4, schedule.QuarterlyRun(new DateOnly(2025, 1, 5)));
        Assert.Equal(Q4, schedule.QuarterlyRun(new DateOnly(2025, 3, 31)));
        Assert.Null(schedule.QuarterlyRun(new DateOnly(2025, 4, 2)));
    }

    [Fact]
    public void CatchUpWindow_EndsWithTheLatestDueQuarter()
    {
        var schedule = new BriefingSchedule(5, 3);

        Assert.Equal([new Quarter(2024, 2), new Quarter(2024, 3), new Quarter(2024, 4)], schedule.CatchUpWindow(new DateOnly(2025, 1, 5)));
        Assert.Equal([new Quarter(2024, 1), new Quarter(2024, 2), new Quarter(2024, 3)], schedule.CatchUpWindow(new DateOnly(2025, 1, 4)));
        Assert.Empty(new BriefingSchedule(5, 0).CatchUpWindow(new DateOnly(2025, 1, 5)));
    }

    [Fact]
    public void Missing_SkipsQuartersWithoutDataAndScopesAlreadyArchived()
    {
        var q3 = new Quarter(2024, 3);
        var owed = BriefingSchedule.Missing(
            [q3, Q4],
            new HashSet<Quarter> { Q4 },
            _ => ["P", "D1", "D2"],
            new HashSet<(Quarter, string)> { (Q4, "D1") });

        Assert.Equal([new BriefingTask(Q4, "P"), new BriefingTask(Q4, "D2")], owed);
    }

    [Fact]
    public void QuarterlyCron_FiresOnTheDueDayOfTheMonthAfterEachQuarter() =>
        Assert.Equal("0 6 5 1,4,7,10 *", BriefingJobs.QuarterlyCron(5));

    [Fact]
    public async Task QuarterlyRun_GeneratesOnTheConfiguredDay_Once()
    {
        await using var world = await BriefingWorld.CreateAsync(DatabaseProvider.Sqlite, new DateTime(2025, 1, 4, 23, 59, 0), Q4);

        var early = await world.Runner.RunQuarterlyAsync(Ct);
        var archivedEarly = await world.ArchivedAsync();
        world.SetVietnamTime(new DateTime(2025, 1, 5, 6, 0, 0));
        var onTheDay = await world.Runner.RunQuarterlyAsync(Ct);
        var again = await world.Runner.RunQuarterlyAsync(Ct);
        var archived = await world.ArchivedAsync();

        Assert.Empty(early.Owed);
        Assert.Empty(archivedEarly);
        Assert.Equal(2, onTheDay.Created); // the province P and its district D
        Assert.Empty(onTheDay.Failures);
        Assert.Equal((0, 2), (again.Created, again.Existing));
        Assert.Equal([(Q4, "P", 1L), (Q4, "D", 1L)], archived);
        Assert.Equal(2, world.Renderer.Calls.Count); // the second run rendered nothing
        Assert.All(await ByAsync(world), by => Assert.Equal(BriefingScheduleRunner.Requester, by));
    }

    [Fact]
    public async Task CatchUp_AfterAnOutage_GeneratesEveryMissingQuarterOfTheWindow()
    {
        // Data from 2024-Q2 to 2025-Q2; 2024-Q3 was generated before the server went down.
        var quarters = Quarter.Range(new Quarter(2024, 2), new Quarter(2025, 2)).ToArray();
        await using var world = await BriefingWorld.CreateAsync(DatabaseProvider.Sqlite, new DateTime(2024, 10, 5, 6, 0, 0), quarters);
        await world.Runner.RunQuarterlyAsync(Ct);
        Assert.Equal([(new Quarter(2024, 3), "P", 1L), (new Quarter(2024, 3), "D", 1L)], await world.ArchivedAsync());

        // Back on 1 August 2025: the window of 4 due quarters is 2024-Q3 … 2025-Q2.
        world.SetVietnamTime(new DateTime(2025, 8, 1, 8, 0, 0));
        var run = await world.Runner.CatchUpAsync(Ct);
        var second = await world.Runner.CatchUpAsync(Ct);

        var expected = new[] { new Quarter(2024, 4), new Quarter(2025, 1), new Quarter(2025, 2) }
            .SelectMany(q => new[] { new BriefingTask(q, "P"), new BriefingTask(q, "D") }).ToList();
        Assert.Equal(expected, run.Owed);
        Assert.Equal(6, run.Created);
        Assert.Empty(second.Owed);
        var archived = await world.ArchivedAsync();
        Assert.Equal(8, archived.Count);
        Assert.DoesNotContain(archived, a => a.Quarter == new Quarter(2024, 2)); // outside the look-back window
    }

    [Fact]
    public async Task CatchUp_StartedByTwoNodesTogether_RendersEachBriefingOnce()
    {
        var quarters = Quarter.Range(new Quarter(2024, 2), new Quarter(2025, 2)).ToArray();
        await using var world = await BriefingWorld.CreateAsync(DatabaseProvider.Sqlite, new DateTime(2025, 8, 1, 8, 0, 0), quarters);
        var storage = new Hangfire.InMemory.InMemoryStorage();
        BriefingJobs Node() => new(world.Runner, new Lazy<BriefingGenerator>(world.Generator), storage, NullLogger<BriefingJobs>.Instance);
        var (first, second) = (Node(), Node());
        var started = false;
        // The second node starts its catch-up while the first is rendering its first briefing.
        world.Renderer.BeforeRender = async () =>
        {
            if (!started)
            {
                started = true;
                await second.CatchUpAsync(Ct);
            }
        };

        await first.CatchUpAsync(Ct);

        Assert.True(started);
        Assert.Equal(8, world.Renderer.Calls.Count); // 2024-Q3 … 2025-Q2, the province and its district: once each
        Assert.Equal(8, (await world.ArchivedAsync()).Count);
    }

    [Fact]
    public async Task CatchUp_BeforeTheLatestQuarterIsDue_LeavesItAlone()
    {
        await using var world = await BriefingWorld.CreateAsync(DatabaseProvider.Sqlite, new DateTime(2025, 1, 3, 12, 0, 0), new Quarter(2024, 3), Q4);

        var run = await world.Runner.CatchUpAsync(Ct);

        Assert.Equal([new BriefingTask(new Quarter(2024, 3), "P"), new BriefingTask(new Quarter(2024, 3), "D")], run.Owed);
    }

    [Fact]
    public async Task ScheduledRun_OnAStaleQuarter_RecomputesItFirst()
    {
        await using var world = await BriefingWorld.CreateAsync(DatabaseProvider.Sqlite, new DateTime(2025, 1, 5, 6, 0, 0), Q4);
        await world.Aggregates.RecomputeAsync(Q4, Ct);
        await world.ChangeDataAsync(Q4); // data version 2, aggregates still of version 1
        var before = await world.Aggregates.GetStateAsync(Q4, Ct);

        var run = await world.Runner.RunQuarterlyAsync(Ct);
        var after = await world.Aggregates.GetStateAsync(Q4, Ct);

        Assert.True(before!.IsStale);
        Assert.Equal(2, run.Created);
        Assert.Equal(2, after!.DataVersion);
        Assert.Equal(after.DataVersion, after.ComputedVersion);
        Assert.All(await world.ArchivedAsync(), a => Assert.Equal(2, a.DataVersion));
        Assert.All(world.Renderer.Calls, c => Assert.Equal(2, c.DataVersion));
    }

    private static async Task<List<string>> ByAsync(BriefingWorld world)
    {
        await using var context = world.Db.CreateContext();
        return await context.Briefings.Select(b => b.GeneratedBy).ToListAsync(Ct);
    }
}
