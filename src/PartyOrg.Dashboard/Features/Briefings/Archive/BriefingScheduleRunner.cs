using Microsoft.Extensions.Options;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Briefings.Archive;

public sealed record ScheduleRunResult(IReadOnlyList<BriefingTask> Owed, int Created, int Existing, IReadOnlyList<string> Failures);

/// <summary>
/// The scheduled generation, over the injected clock: the quarterly run (the quarter just closed, every
/// scheduled scope, on its due day) and the catch-up (every due quarter of the look-back window with data
/// but a missing briefing). Both generate in Vietnamese as "schedule"; both are safe to run twice. The
/// generator (and its renderer) is only built when a briefing is owed.
/// </summary>
public sealed partial class BriefingScheduleRunner(
    Lazy<BriefingGenerator> generator,
    BriefingArchive archive,
    AggregateService aggregates,
    OrgTreeService trees,
    AppClock clock,
    IOptions<BriefingOptions> options,
    ILogger<BriefingScheduleRunner> logger)
{
    public const string Requester = "schedule";

    private BriefingSchedule Schedule => new(options.Value);

    /// <summary>On or after the due day: the just-closed quarter's briefings (those archived on its data version are found, not redone).</summary>
    public async Task<ScheduleRunResult> RunQuarterlyAsync(CancellationToken cancellationToken)
    {
        if (Schedule.QuarterlyRun(clock.Today) is not { } quarter || !await HasDataAsync(quarter, cancellationToken))
        {
            return new ScheduleRunResult([], 0, 0, []);
        }

        var tree = await trees.GetTreeAsync(quarter, cancellationToken);
        var tasks = BriefingAccess.ScheduledScopes(tree).Select(n => new BriefingTask(quarter, n.Code)).ToList();
        return await GenerateAsync(tasks, cancellationToken);
    }

    /// <summary>Every due quarter of the look-back window that has data but lacks a briefing for a scheduled scope.</summary>
    public async Task<ScheduleRunResult> CatchUpAsync(CancellationToken cancellationToken)
    {
        var window = Schedule.CatchUpWindow(clock.Today);
        if (window.Count == 0)
        {
            return new ScheduleRunResult([], 0, 0, []);
        }

        var withData = (await aggregates.QuartersWithDataAsync(cancellationToken)).ToHashSet();
        var scopes = new Dictionary<Quarter, IReadOnlyList<string>>();
        foreach (var quarter in window.Where(withData.Contains))
        {
            scopes[quarter] = BriefingAccess.ScheduledScopes(await trees.GetTreeAsync(quarter, cancellationToken)).Select(n => n.Code).ToList();
        }

        var archived = await archive.ArchivedScopesAsync(window, BriefingCultures.Vietnamese, cancellationToken);
        var owed = BriefingSchedule.Missing(window, withData, q => scopes.GetValueOrDefault(q, []), archived);
        return await GenerateAsync(owed, cancellationToken);
    }

    private async Task<bool> HasDataAsync(Quarter quarter, CancellationToken cancellationToken) =>
        await aggregates.GetStateAsync(quarter, cancellationToken) is not null;

    /// <summary>One failing scope does not stop the others; the run reports (and the job then fails on) what failed.</summary>
    private async Task<ScheduleRunResult> GenerateAsync(IReadOnlyList<BriefingTask> tasks, CancellationToken cancellationToken)
    {
        int created = 0, existing = 0;
        var failures = new List<string>();
        foreach (var task in tasks)
        {
            try
            {
                var result = await generator.Value.GenerateAsync(task.Quarter, task.ScopeCode, BriefingCultures.Vietnamese, Requester, cancellationToken);
                if (result.Created)
                {
                    created++;
                }
                else
                {
                    existing++;
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or ArgumentException)
            {
                LogFailed(logger, task.Quarter, task.ScopeCode, ex);
                failures.Add($"{task.Quarter} {task.ScopeCode}: {ex.Message}");
            }
        }

        if (tasks.Count > 0)
        {
            LogRun(logger, tasks.Count, created, existing, failures.Count);
        }

        return new ScheduleRunResult(tasks, created, existing, failures);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled briefing of {Quarter} for {Scope} failed.")]
    private static partial void LogFailed(ILogger logger, Quarter quarter, string scope, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled briefings: {Owed} owed, {Created} archived, {Existing} already archived, {Failed} failed.")]
    private static partial void LogRun(ILogger logger, int owed, int created, int existing, int failed);
}
