using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Aggregates;

/// <summary>Recompute on a real database (SQLite and PostgreSQL): the swap, the lease, freshness.</summary>
public sealed class AggregateServiceTests
{
    private static readonly Quarter Q = TinyProvince.Quarter;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AggregateService Service(TestDatabase db, TimeProvider? time = null, string node = "test") =>
        new(db.Contexts, new QuarterFactsLoader(db.Contexts, new OrgTreeService(db.Contexts)), time ?? new FakeTimeProvider(new DateTimeOffset(2025, 1, 5, 0, 0, 0, TimeSpan.Zero)), new AppNode(node), NullLogger<AggregateService>.Instance);

    private static async Task<TestDatabase> TinyAsync(DatabaseProvider provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await using var context = db.CreateContext();
        await TinyProvince.SeedAsync(context, Ct);
        await DataVersions.MarkChangedAsync(context, [Q], DateTimeOffset.UnixEpoch, Ct);
        return db;
    }

    private static async Task<int> IdOfAsync(TestDatabase db, string code)
    {
        await using var context = db.CreateContext();
        return await context.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync(Ct);
    }

    private static async Task<List<(int Unit, string Key, double Num, double Den, bool Suppressed)>> RowsAsync(TestDatabase db)
    {
        await using var context = db.CreateContext();
        var rows = await context.Metrics.AsNoTracking().Where(m => m.QuarterKey == Q.Key)
            .Select(m => new { m.UnitId, m.Key, m.Numerator, m.Denominator, m.Suppressed }).ToListAsync(Ct);
        return rows.Select(r => (r.UnitId, r.Key, r.Numerator, r.Denominator, r.Suppressed))
            .OrderBy(r => r.UnitId).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Recompute_StoresSummedNumeratorsAndDenominators(DatabaseProvider provider)
    {
        await using var db = await TinyAsync(provider);

        var result = await Service(db).RecomputeAsync(Q, Ct);
        var metrics = new MetricsQueryService(db.Contexts);
        var g = await metrics.GetAsync(await IdOfAsync(db, "G"), Q, await metrics.AllKeysAsync(Ct), Ct);
        var c2 = await metrics.GetAsync(await IdOfAsync(db, "C2"), Q, await metrics.AllKeysAsync(Ct), Ct);
        var p = await metrics.GetAsync(await IdOfAsync(db, "P"), Q, await metrics.AllKeysAsync(Ct), Ct);

        Assert.Equal(RecomputeOutcome.Computed, result.Outcome);
        Assert.Equal(28, g.Values[MetricKeys.MembersTotal].Value);
        Assert.Equal(26, g.Values[MetricKeys.MembersEligible].Value);
        Assert.Equal((69.0, 78.0), (g.Values[MetricKeys.AttendanceRate].Numerator!.Value, g.Values[MetricKeys.AttendanceRate].Denominator!.Value)); // 3×17 + 3×6 of 3×18 + 3×8
        Assert.Equal(0.5, g.Values[MetricKeys.QualityShare].Value); // C1's 3 meetings at 94 %, C2's at 75 %
        Assert.Equal(1.0, g.Values[MetricKeys.Regularity].Value);
        Assert.Equal(0.7, g.Values[MetricKeys.SurveyFavourable(2)].Value!.Value, 9); // 3 + 4 of 10
        Assert.Null(g.Values[MetricKeys.SurveyFavourable(10)].Value); // "not held" never counts
        Assert.True(c2.Values[MetricKeys.SurveyFavourable(2)].Suppressed); // 4 responses
        Assert.Null(c2.Values[MetricKeys.SurveyFavourable(2)].Value);
        Assert.Equal(4, c2.Values[MetricKeys.SurveyResponses].Value);
        Assert.Equal(0.5, g.Values[MetricKeys.PracticeCoverage("M04")].Value);
        Assert.Equal(2, p.Values[MetricKeys.SubordinateCells].Value);
        Assert.Equal(1, p.Values[MetricKeys.UpperCommittees].Value);
        Assert.False(p.Stale);
        Assert.Equal(1, p.DataVersion);
        Assert.NotNull(p.ComputedAt);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Recompute_Twice_GivesIdenticalRows(DatabaseProvider provider)
    {
        await using var db = await TinyAsync(provider);
        var service = Service(db);

        await service.RecomputeAsync(Q, Ct);
        var first = await RowsAsync(db);
        await service.RecomputeAsync(Q, Ct);
        var second = await RowsAsync(db);

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Recompute_AfterAChange_StoresExactlyWhatAFullComputationGives(DatabaseProvider provider)
    {
        await using var db = await TinyAsync(provider);
        var service = Service(db);
        await service.RecomputeAsync(Q, Ct);
        await using (var context = db.CreateContext())
        {
            // One cell changes and a new cell appears: only they and their ancestors are rewritten.
            var c2 = await context.Memberships.SingleAsync(m => m.Members == 8, Ct);
            c2.Members = 9;
            var g = await context.Units.SingleAsync(u => u.Code == "G", Ct);
            var c3 = new OrgUnit { Code = "C3", ValidFrom = new DateOnly(2024, 1, 1), SourceId = c2.SourceId };
            context.Units.Add(c3);
            await context.SaveChangesAsync(Ct);
            context.UnitVersions.Add(new OrgUnitVersion { UnitId = c3.Id, Name = "Chi bộ ấp 3", ShortName = "Ấp 3", Kind = UnitKind.Cell, Sector = UnitSector.Hamlet, ParentId = g.Id, ValidFrom = c3.ValidFrom, SourceId = c2.SourceId });
            context.Memberships.Add(new MembershipSnapshot { UnitId = c3.Id, QuarterKey = Q.Key, Members = 15, Exempt = 1, SourceId = c2.SourceId });
            await context.SaveChangesAsync(Ct);
            await DataVersions.MarkChangedAsync(context, [Q], DateTimeOffset.UnixEpoch, Ct);
        }

        await service.RecomputeAsync(Q, Ct);
        var contexts = db.Contexts;
        var truth = AggregateCalculator.Compute(await new QuarterFactsLoader(contexts, new OrgTreeService(contexts)).LoadAsync(Q, Ct))
            .Select(r => (r.UnitId, r.Key, r.Numerator, r.Denominator, r.Suppressed))
            .OrderBy(r => r.UnitId).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

        Assert.Equal(truth, await RowsAsync(db));
        Assert.Contains(truth, r => r.Key == MetricKeys.MembersTotal && r.Numerator == 20 + 9 + 15);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Recompute_WhileAnotherHoldsTheQuarter_StepsAside(DatabaseProvider provider)
    {
        await using var db = await TinyAsync(provider);
        var holder = Service(db);
        var other = Service(db);
        RecomputeResult? second = null;
        holder.BeforeSwap = async _ => second = await other.RecomputeAsync(Q, Ct);

        var first = await holder.RecomputeAsync(Q, Ct);

        Assert.Equal(RecomputeOutcome.Computed, first.Outcome);
        Assert.NotNull(second);
        Assert.Equal(RecomputeOutcome.AlreadyRunning, second.Outcome);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ALeaseOfAProcessOfThisNodeThatEnded_IsTakenOverAtOnce(DatabaseProvider provider)
    {
        await using var db = await TinyAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 5, 0, 0, 0, TimeSpan.Zero));
        var ended = await EndedProcess.IdAsync(Ct);
        await HoldLeaseAsync(db, new LeaseHolder("test", ended, time.GetUtcNow(), "deadbeef"), time.GetUtcNow() + AggregateService.LeaseDuration);

        var result = await Service(db, time).RecomputeAsync(Q, Ct);

        Assert.Equal(RecomputeOutcome.Computed, result.Outcome);
        Assert.Null((await Service(db, time).GetStateAsync(Q, Ct))!.LeaseOwner);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ALeaseOfAnotherNode_IsNamed_AndFreeOnceItIsNoLongerRenewed(DatabaseProvider provider)
    {
        await using var db = await TinyAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 5, 3, 0, 0, TimeSpan.Zero));
        var since = time.GetUtcNow();
        await HoldLeaseAsync(db, new LeaseHolder("web-2", 4242, since, "0a1b2c3d"), since + AggregateService.LeaseDuration);
        var service = Service(db, time);

        var busy = await service.RecomputeAsync(Q, Ct);
        time.Advance(AggregateService.LeaseDuration + TimeSpan.FromSeconds(1));
        var after = await service.RecomputeAsync(Q, Ct);

        Assert.Equal(RecomputeOutcome.AlreadyRunning, busy.Outcome);
        Assert.Equal(new LeaseHolder("web-2", 4242, since, "0a1b2c3d"), busy.Holder);
        Assert.Equal("being recomputed by node web-2 (process 4242) since 10:00:00 05/01/2025", busy.RunningElsewhere);
        Assert.True(AggregateService.LeaseDuration <= TimeSpan.FromMinutes(1), "a dead node's quarter is free within a minute");
        Assert.Equal(RecomputeOutcome.Computed, after.Outcome);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ARunningRecompute_RenewsItsLease_SoNoOtherNodeTakesItOver(DatabaseProvider provider)
    {
        await using var db = await TinyAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 5, 3, 0, 0, TimeSpan.Zero));
        var running = Service(db, time, "web-1");
        using var renewed = new SemaphoreSlim(0);
        running.LeaseRenewed = (_, held) =>
        {
            Assert.True(held);
            renewed.Release();
        };
        RecomputeResult? other = null;
        running.BeforeSwap = async _ =>
        {
            // Three renewals: 30 s after the lease was taken, when it would have expired unrenewed, and beyond.
            for (var tick = 0; tick < 4; tick++)
            {
                time.Advance(AggregateService.LeaseRenewal);
                Assert.True(await renewed.WaitAsync(TimeSpan.FromSeconds(30), Ct), $"renewal {tick + 1} did not happen");
            }

            other = await Service(db, time, "web-2").RecomputeAsync(Q, Ct);
        };

        var result = await running.RecomputeAsync(Q, Ct);

        Assert.Equal(RecomputeOutcome.Computed, result.Outcome);
        Assert.NotNull(other);
        Assert.Equal(RecomputeOutcome.AlreadyRunning, other.Outcome);
        Assert.Equal("web-1", other.Holder?.Node);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ARecomputeWhoseLeaseWasTakenOver_StopsWithoutSwapping(DatabaseProvider provider)
    {
        await using var db = await TinyAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 5, 3, 0, 0, TimeSpan.Zero));
        var running = Service(db, time, "web-1");
        using var renewed = new SemaphoreSlim(0);
        running.LeaseRenewed = (_, _) => renewed.Release();
        running.BeforeSwap = async _ =>
        {
            await HoldLeaseAsync(db, new LeaseHolder("web-2", 7, time.GetUtcNow(), "feedface"), time.GetUtcNow() + AggregateService.LeaseDuration);
            time.Advance(AggregateService.LeaseRenewal);
            Assert.True(await renewed.WaitAsync(TimeSpan.FromSeconds(30), Ct), "the renewal did not happen");
        };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => running.RecomputeAsync(Q, Ct));

        Assert.Contains("lost", failure.Message, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(db));
        Assert.Equal("web-2", LeaseHolder.Parse((await running.GetStateAsync(Q, Ct))!.LeaseOwner)?.Node);
    }

    /// <summary>Leaves the quarter's lease as a run of <paramref name="holder"/> that died would have left it.</summary>
    private static async Task HoldLeaseAsync(TestDatabase db, LeaseHolder holder, DateTimeOffset until)
    {
        await using var context = db.CreateContext();
        var owner = holder.ToString();
        var ms = until.ToUnixTimeMilliseconds();
        Assert.Equal(1, await context.QuarterStates.Where(s => s.QuarterKey == Q.Key)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseOwner, owner).SetProperty(s => s.LeaseUntil, ms), Ct));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task TwoRecomputes_Racing_LeaveExactlyOneSetOfRows(DatabaseProvider provider)
    {
        await using var db = await TinyAsync(provider);
        await Service(db).RecomputeAsync(Q, Ct);
        var reference = await RowsAsync(db);

        var results = await Task.WhenAll(Service(db).RecomputeAsync(Q, Ct), Service(db).RecomputeAsync(Q, Ct));

        Assert.Contains(results, r => r.Outcome == RecomputeOutcome.Computed);
        Assert.Equal(reference, await RowsAsync(db));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task FailedRecompute_LeavesThePreviousAggregates_AndReleasesTheQuarter(DatabaseProvider provider)
    {
        await using var db = await TinyAsync(provider);
        var service = Service(db);
        await service.RecomputeAsync(Q, Ct);
        var before = await RowsAsync(db);
        await using (var context = db.CreateContext())
        {
            var c2 = await context.Memberships.SingleAsync(m => m.Members == 8, Ct);
            c2.Members = 12;
            await context.SaveChangesAsync(Ct);
            await DataVersions.MarkChangedAsync(context, [Q], DateTimeOffset.UnixEpoch, Ct);
        }

        service.BeforeSwap = _ => throw new InvalidOperationException("disk full");
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.RecomputeAsync(Q, Ct));
        var state = await service.GetStateAsync(Q, Ct);

        Assert.Equal(before, await RowsAsync(db));
        Assert.NotNull(state);
        Assert.True(state.IsStale);
        Assert.Equal("disk full", state.LastError);
        Assert.Null(state.LeaseOwner);

        service.BeforeSwap = null;
        Assert.Equal(RecomputeOutcome.Computed, (await service.RecomputeAsync(Q, Ct)).Outcome);
        Assert.NotEqual(before, await RowsAsync(db));
        Assert.False((await service.GetStateAsync(Q, Ct))!.IsStale);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ChangedFacts_MakeTheQuarterStale_UntilRecomputed(DatabaseProvider provider)
    {
        await using var db = await TinyAsync(provider);
        var service = Service(db);
        await service.RecomputeAsync(Q, Ct);

        await using (var context = db.CreateContext())
        {
            await DataVersions.MarkChangedAsync(context, [Q], DateTimeOffset.UnixEpoch, Ct);
        }

        var metrics = new MetricsQueryService(db.Contexts);
        var unit = await IdOfAsync(db, "P");
        var stale = await metrics.GetAsync(unit, Q, [MetricKeys.MembersTotal], Ct);
        await service.RecomputeAsync(Q, Ct);
        var fresh = await metrics.GetAsync(unit, Q, [MetricKeys.MembersTotal], Ct);

        Assert.True(stale.Stale);
        Assert.Equal(1, stale.DataVersion);
        Assert.False(fresh.Stale);
        Assert.Equal(2, fresh.DataVersion);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Series_HasAPointPerQuarter_NullWhereNothingWasComputed(DatabaseProvider provider)
    {
        await using var db = await TinyAsync(provider);
        await Service(db).RecomputeAsync(Q, Ct);

        var series = await new MetricsQueryService(db.Contexts).GetSeriesAsync(await IdOfAsync(db, "G"), MetricKeys.MembersTotal, Q.Previous, Q.Next, Ct);

        Assert.Equal([Q.Previous, Q, Q.Next], series.Select(p => p.Quarter));
        Assert.Equal([null, 28.0, null], series.Select(p => p.Metric.Value));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task RebuildAll_TwoQuartersAtATime_StoresWhatOneByOneStores(DatabaseProvider provider)
    {
        Quarter[] quarters = [Q.AddQuarters(-2), Q.Previous, Q, Q.Next, Q.AddQuarters(2)];
        await using var parallel = await TinyAsync(provider);
        await using var sequential = await TinyAsync(provider);
        foreach (var db in new[] { parallel, sequential })
        {
            await using var context = db.CreateContext();
            await DataVersions.MarkChangedAsync(context, quarters, DateTimeOffset.UnixEpoch, Ct);
        }

        var results = await new AggregateService(parallel.Contexts, new QuarterFactsLoader(parallel.Contexts, new OrgTreeService(parallel.Contexts)), new FakeTimeProvider(), new AppNode("test"), NullLogger<AggregateService>.Instance) { RebuildParallelism = 2 }
            .RebuildAllAsync(Ct);
        var oneByOne = Service(sequential);
        foreach (var quarter in quarters)
        {
            await oneByOne.RecomputeAsync(quarter, Ct);
        }

        Assert.Equal(quarters, results.Select(r => r.Quarter));
        Assert.All(results, r => Assert.Equal(RecomputeOutcome.Computed, r.Outcome));
        Assert.Equal(await AllRowsAsync(sequential), await AllRowsAsync(parallel));
        Assert.Contains(await AllRowsAsync(parallel), r => r.Quarter == Q.Key && r.Key == MetricKeys.AttendanceRate);
    }

    private static async Task<List<(int Quarter, int Unit, string Key, double Num, double Den, bool Suppressed)>> AllRowsAsync(TestDatabase db)
    {
        await using var context = db.CreateContext();
        var rows = await context.Metrics.AsNoTracking()
            .Select(m => new { m.QuarterKey, m.UnitId, m.Key, m.Numerator, m.Denominator, m.Suppressed }).ToListAsync(Ct);
        return rows.Select(r => (r.QuarterKey, r.UnitId, r.Key, r.Numerator, r.Denominator, r.Suppressed))
            .OrderBy(r => r.QuarterKey).ThenBy(r => r.UnitId).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
    }
}
