using Hangfire;
using Hangfire.Storage;
using Hangfire.States;
using PartyOrg.Dashboard.Features.Jobs;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Briefings.Archive;

/// <summary>
/// The Hangfire jobs of the briefings. Arguments are small (a quarter key, a code, a language, an
/// e-mail); every job is safe to run twice because the archive is idempotent per data version.
/// The scheduled runs (quarterly and catch-up) run on one node at a time: every node enqueues a catch-up when it
/// starts, and two runs together would each render every missing briefing (the archive keeps one, but the work is
/// done twice). A run that finds another holding the job storage's lock leaves the work to it.
/// </summary>
public sealed partial class BriefingJobs(BriefingScheduleRunner runner, Lazy<BriefingGenerator> generator, JobStorage storage, ILogger<BriefingJobs> logger)
{
    /// <summary>The job storage's distributed lock held by the scheduled run in progress.</summary>
    public const string ScheduleLock = "partyorg:briefings-schedule";

    public const string QuarterlyJobId = "briefings-quarterly";
    public const string CatchUpJobId = "briefings-catch-up";

    /// <summary>06:00 on day <paramref name="daysAfterQuarterEnd"/> of January, April, July and October (every quarter ends on a month's last day).</summary>
    public static string QuarterlyCron(int daysAfterQuarterEnd) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0 6 {daysAfterQuarterEnd} 1,4,7,10 *");

    /// <summary>06:30 every day.</summary>
    public const string CatchUpCron = "30 6 * * *";

    [JobDisplayName("Báo cáo quý theo lịch")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [600, 1800, 3600])]
    public Task QuarterlyAsync(CancellationToken cancellationToken) =>
        OnOneNodeAsync(() => runner.RunQuarterlyAsync(cancellationToken));

    [JobDisplayName("Bổ sung báo cáo quý còn thiếu")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [600, 1800, 3600])]
    public Task CatchUpAsync(CancellationToken cancellationToken) =>
        OnOneNodeAsync(() => runner.CatchUpAsync(cancellationToken));

    /// <summary>"Generate now" from the page: no automatic retry, so the page shows a failure at once.</summary>
    /// <returns>The archived version's id.</returns>
    [QuarterJobDisplayName("Lập báo cáo {0} cho {1}", 0)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<int> GenerateAsync(int quarterKey, string scopeCode, string culture, string requestedBy, CancellationToken cancellationToken) =>
        (await generator.Value.GenerateAsync(Quarter.FromKey(quarterKey), scopeCode, culture, requestedBy, cancellationToken)).Briefing.Id;

    /// <summary>Runs a scheduled run under the lock, or leaves it to the run that holds the lock.</summary>
    private async Task OnOneNodeAsync(Func<Task<ScheduleRunResult>> run)
    {
        using var connection = storage.GetConnection();
        IDisposable held;
        try
        {
            held = connection.AcquireDistributedLock(ScheduleLock, TimeSpan.Zero);
        }
        catch (DistributedLockTimeoutException)
        {
            LogLeftToOther(logger);
            return;
        }

        using (held)
        {
            ThrowOnFailures(await run());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another scheduled briefing run holds the lock; this one leaves the work to it.")]
    private static partial void LogLeftToOther(ILogger logger);

    private static void ThrowOnFailures(ScheduleRunResult result)
    {
        if (result.Failures.Count > 0)
        {
            // Hangfire retries the run; what succeeded is archived and is found, not redone.
            throw new InvalidOperationException($"{result.Failures.Count} of {result.Owed.Count} briefings failed: {string.Join("; ", result.Failures)}");
        }
    }
}

public enum BriefingJobState
{
    Queued = 1,
    Running = 2,
    Succeeded = 3,
    Failed = 4,
    Unknown = 5,
}

public sealed record BriefingJobStatus(BriefingJobState State, string? Message);

/// <summary>Enqueues briefing jobs and reads their state, without callers knowing Hangfire's API.</summary>
public sealed class BriefingScheduler(IBackgroundJobClient jobs, JobStorage storage)
{
    public string EnqueueGenerate(Quarter quarter, string scopeCode, string culture, string requestedBy) =>
        jobs.Enqueue<BriefingJobs>(j => j.GenerateAsync(quarter.Key, scopeCode, culture, requestedBy, CancellationToken.None));

    public string EnqueueCatchUp() =>
        jobs.Enqueue<BriefingJobs>(j => j.CatchUpAsync(CancellationToken.None));

    public BriefingJobStatus GetStatus(string jobId)
    {
        using var connection = storage.GetConnection();
        var state = connection.GetStateData(jobId);
        var name = state?.Name;
        if (name == EnqueuedState.StateName || name == ScheduledState.StateName || name == AwaitingState.StateName)
        {
            return new(BriefingJobState.Queued, null);
        }

        if (name == ProcessingState.StateName)
        {
            return new(BriefingJobState.Running, null);
        }

        if (name == SucceededState.StateName)
        {
            return new(BriefingJobState.Succeeded, null);
        }

        if (name == FailedState.StateName || name == DeletedState.StateName)
        {
            return new(BriefingJobState.Failed, state!.Data.TryGetValue("ExceptionMessage", out var message) ? message : state.Reason);
        }

        return new(BriefingJobState.Unknown, null);
    }
}
