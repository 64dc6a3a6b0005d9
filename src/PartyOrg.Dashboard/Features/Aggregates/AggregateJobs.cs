using Hangfire;
using PartyOrg.Dashboard.Features.Jobs;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Aggregates;

/// <summary>
/// The Hangfire jobs of the aggregates. Arguments are small (a quarter key); each job is safe to run
/// twice. A job that finds its quarter busy or changed while it ran schedules another pass.
/// </summary>
public sealed class AggregateJobs(AggregateService aggregates, IBackgroundJobClient jobs, AppClock clock)
{
    public const string NightlyJobId = "aggregates-nightly";

    /// <summary>01:30 every night, Vietnam time.</summary>
    public const string NightlyCron = "30 1 * * *";

    public static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(30);

    [QuarterJobDisplayName("Tính lại số liệu tổng hợp {0}", 0)]
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [15, 60, 300, 900, 3600])]
    public async Task RecomputeAsync(int quarterKey, CancellationToken cancellationToken)
    {
        var quarter = Quarter.FromKey(quarterKey);
        var result = await aggregates.RecomputeAsync(quarter, cancellationToken);
        if (result.Outcome == RecomputeOutcome.AlreadyRunning)
        {
            jobs.Schedule<AggregateJobs>(j => j.RecomputeAsync(quarterKey, CancellationToken.None), BusyRetryDelay);
            return;
        }

        if (await aggregates.GetStateAsync(quarter, cancellationToken) is { IsStale: true })
        {
            // Facts changed while this run computed: take another pass with the new version.
            jobs.Enqueue<AggregateJobs>(j => j.RecomputeAsync(quarterKey, CancellationToken.None));
        }
    }

    [JobDisplayName("Tính lại toàn bộ số liệu tổng hợp")]
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [60, 600])]
    public async Task RebuildAllAsync(CancellationToken cancellationToken)
    {
        foreach (var quarter in await aggregates.QuartersWithDataAsync(cancellationToken))
        {
            await RecomputeAsync(quarter.Key, cancellationToken);
        }
    }

    /// <summary>The current and the previous quarter (late entries for the quarter just closed).</summary>
    [JobDisplayName("Tính lại số liệu hằng đêm")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [300, 1800, 3600])]
    public async Task NightlyAsync(CancellationToken cancellationToken)
    {
        var current = Quarter.Containing(clock.Today);
        await RecomputeAsync(current.Previous.Key, cancellationToken);
        await RecomputeAsync(current.Key, cancellationToken);
    }
}

/// <summary>Enqueues recomputes from anywhere (UI, CLI, imports) without knowing Hangfire's API.</summary>
public sealed class AggregateScheduler(IBackgroundJobClient jobs)
{
    public string EnqueueRecompute(Quarter quarter) =>
        jobs.Enqueue<AggregateJobs>(j => j.RecomputeAsync(quarter.Key, CancellationToken.None));

    public string EnqueueRebuildAll() =>
        jobs.Enqueue<AggregateJobs>(j => j.RebuildAllAsync(CancellationToken.None));
}
