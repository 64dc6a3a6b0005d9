using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Briefings.Archive;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Aggregates;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Briefings;

/// <summary>
/// The briefing services over a real database holding <see cref="TinyProvince"/> (scheduled scopes: the
/// province P and its district D), a fake clock and the fake renderer.
/// </summary>
public sealed class BriefingWorld : IAsyncDisposable
{
    private BriefingWorld(TestDatabase db, FakeTimeProvider time, BriefingOptions options)
    {
        Db = db;
        Time = time;
        Options = options;
        Trees = new OrgTreeService(db.Contexts);
        Aggregates = new AggregateService(db.Contexts, new QuarterFactsLoader(db.Contexts, Trees), time, new AppNode("test"), NullLogger<AggregateService>.Instance);
        Renderer = new FakeBriefingRenderer(db.Contexts);
        Archive = new BriefingArchive(db.Contexts, new BriefingAccess(Trees, new ScopeResolver(Trees)), time);
        Generator = new BriefingGenerator(Renderer, Archive, Aggregates, Trees, NullLogger<BriefingGenerator>.Instance);
        Runner = new BriefingScheduleRunner(new Lazy<BriefingGenerator>(Generator), Archive, Aggregates, Trees, new AppClock(time), Microsoft.Extensions.Options.Options.Create(options), NullLogger<BriefingScheduleRunner>.Instance);
        FactChanges = new FactChanges(new AggregateScheduler(new NoJobs()), new AppClock(time));
    }

    public TestDatabase Db { get; }

    public FakeTimeProvider Time { get; }

    public BriefingOptions Options { get; }

    public OrgTreeService Trees { get; }

    public AggregateService Aggregates { get; }

    public FakeBriefingRenderer Renderer { get; }

    public BriefingArchive Archive { get; }

    public BriefingGenerator Generator { get; }

    public BriefingScheduleRunner Runner { get; }

    public FactChanges FactChanges { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Tiny province with data marked (not computed) in <paramref name="quarters"/>; the clock at <paramref name="vietnamTime"/>.</summary>
    public static async Task<BriefingWorld> CreateAsync(DatabaseProvider provider, DateTime vietnamTime, params Quarter[] quarters)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(vietnamTime, TimeSpan.FromHours(7)).ToUniversalTime());
        await using (var context = db.CreateContext())
        {
            await TinyProvince.SeedAsync(context, Ct);
            await DataVersions.MarkChangedAsync(context, quarters.Length > 0 ? quarters : [TinyProvince.Quarter], time.GetUtcNow(), Ct);
        }

        return new BriefingWorld(db, time, new BriefingOptions());
    }

    public void SetVietnamTime(DateTime vietnamTime) => Time.SetUtcNow(new DateTimeOffset(vietnamTime, TimeSpan.FromHours(7)).ToUniversalTime());

    /// <summary>Moves the quarters' data versions on, as any writer of facts does.</summary>
    public async Task ChangeDataAsync(params Quarter[] quarters)
    {
        await using var context = Db.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(Ct);
        await FactChanges.MarkAsync(context, quarters, Ct);
        await transaction.CommitAsync(Ct);
    }

    public async Task<List<(Quarter Quarter, string Scope, long DataVersion)>> ArchivedAsync()
    {
        await using var context = Db.CreateContext();
        var rows = await context.Briefings.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.QuarterKey, b.ScopeCode, b.DataVersion }).ToListAsync(Ct);
        return rows.Select(r => (Quarter.FromKey(r.QuarterKey), r.ScopeCode, r.DataVersion)).ToList();
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();

    /// <summary>Job client for <see cref="FactChanges"/>: these tests only mark data versions, they enqueue nothing.</summary>
    private sealed class NoJobs : IBackgroundJobClient
    {
        public string Create(Job job, IState state) => throw new InvalidOperationException("no job is expected here");

        public bool ChangeState(string jobId, IState state, string expectedState) => false;
    }
}
