using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Aggregates;

public sealed class FactChangesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task QuartersFrom_ReachesTheCurrentQuarterWhenDataEndsBefore()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var context = db.CreateContext();
        var changes = new FactChanges(new AggregateScheduler(new RecordingJobs()), new AppClock(Time));
        await changes.MarkAsync(context, Quarter.Range(new Quarter(2025, 1), new Quarter(2026, 3)), Ct);

        var quarters = await changes.QuartersFromAsync(context, new DateOnly(2025, 7, 1), Ct);

        Assert.Equal(["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"], quarters.Select(q => q.ToString()));
    }

    [Fact]
    public async Task QuartersFrom_ReachesTheLastQuarterWithData()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var context = db.CreateContext();
        var changes = new FactChanges(new AggregateScheduler(new RecordingJobs()), new AppClock(Time));
        await changes.MarkAsync(context, [new Quarter(2027, 2)], Ct);

        var quarters = await changes.QuartersFromAsync(context, new DateOnly(2026, 12, 31), Ct);

        Assert.Equal(["2026-Q4", "2027-Q1", "2027-Q2"], quarters.Select(q => q.ToString()));
    }

    [Fact]
    public async Task Mark_MovesEachQuarterOnOnce_AndEnqueueQueuesOneRecomputeEach()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var context = db.CreateContext();
        var jobs = new RecordingJobs();
        var changes = new FactChanges(new AggregateScheduler(jobs), new AppClock(Time));
        Quarter[] touched = [new(2026, 3), new(2026, 2), new(2026, 3)];

        await changes.MarkAsync(context, [new Quarter(2026, 2)], Ct);
        await changes.MarkAsync(context, touched, Ct);
        var ids = changes.EnqueueRecomputes(touched);

        var versions = await context.QuarterStates.AsNoTracking().OrderBy(s => s.QuarterKey).Select(s => new { s.QuarterKey, s.DataVersion }).ToListAsync(Ct);
        Assert.Equal([(20262, 2L), (20263, 1L)], versions.Select(v => (v.QuarterKey, v.DataVersion)));
        Assert.Equal(2, ids.Count);
        Assert.Equal([20262, 20263], jobs.Created.Select(j => (int)j.Args[0]!));
        Assert.All(jobs.Created, j => Assert.Equal(nameof(AggregateJobs.RecomputeAsync), j.Method.Name));
    }

    private sealed class RecordingJobs : IBackgroundJobClient
    {
        public List<Job> Created { get; } = [];

        public string Create(Job job, IState state)
        {
            Created.Add(job);
            return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
