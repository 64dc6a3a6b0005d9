using Hangfire;
using Hangfire.Storage.SQLite;
using PartyOrg.Dashboard.Infrastructure;

namespace PartyOrg.Dashboard.Features.Jobs;

/// <summary>
/// Jobs that a crash interrupted run again at once when the server starts, on the embedded default. SQLite's job
/// storage hands a fetched job to another worker only after its invisibility timeout (30 minutes), and has no sliding
/// timeout to shorten it safely: a shorter one would hand a long recompute to a second worker while the first still
/// runs it. But a SQLite data directory has one job server, this one, and it is only starting: every job still
/// marked as fetched belongs to a process that has ended, and goes back to its queue now — unless a server of
/// another process is alive on the same file, which is then left alone. (PostgreSQL's storage keeps running jobs
/// alive with a sliding invisibility timeout instead; see <see cref="JobsServiceCollectionExtensions"/>.)
/// Every job is safe to run again: a recompute swaps identical rows, an import of a file already stored adds
/// nothing, a briefing version is archived once.
/// </summary>
public sealed partial class InterruptedJobs(JobStorage storage, AppNode node, TimeProvider time, ILogger<InterruptedJobs> logger) : IHostedService
{
    /// <summary>A server of another process that beat within this long is taken to be alive.</summary>
    public static readonly TimeSpan AliveWithin = TimeSpan.FromMinutes(1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage is SQLiteStorage sqlite)
        {
            var requeued = RequeueOnSqlite(sqlite);
            if (requeued > 0)
            {
                LogRequeued(logger, requeued);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Puts back every fetched job of a SQLite storage whose servers have all ended; returns how many.</summary>
    public int RequeueOnSqlite(SQLiteStorage sqlite)
    {
        ArgumentNullException.ThrowIfNull(sqlite);
        var now = time.GetUtcNow().UtcDateTime;
        var alive = sqlite.GetMonitoringApi().Servers()
            .Where(s => s.Heartbeat is { } beat && now - beat < AliveWithin && !HasEnded(s.Name))
            .Select(s => s.Name)
            .ToList();
        if (alive.Count > 0)
        {
            LogOtherServer(logger, string.Join(", ", alive));
            return 0;
        }

        using var context = sqlite.CreateAndOpenConnection();
        var fetched = context.JobQueueRepository.Where(j => j.FetchedAt != DateTime.MinValue).ToList();
        foreach (var job in fetched)
        {
            job.FetchedAt = DateTime.MinValue;
            context.Database.Update(job);
        }

        return fetched.Count;
    }

    /// <summary>
    /// A Hangfire server id is "name:process id:guid", the name lower-cased; a server of this node whose process no
    /// longer runs has ended.
    /// </summary>
    private bool HasEnded(string serverId)
    {
        var parts = serverId.Split(':');
        return parts.Length >= 3
            && string.Equals(parts[0], ServerName(node), StringComparison.OrdinalIgnoreCase)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
            && node.HasEndedHere(node.Name, pid);
    }

    /// <summary>The name this node's job server registers under.</summary>
    public static string ServerName(AppNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return $"partyorg-{node.Name}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} job(s) interrupted when this server last stopped were put back in their queue to run again now.")]
    private static partial void LogRequeued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another job server is alive on this SQLite job storage ({Servers}); interrupted jobs are left to its invisibility timeout.")]
    private static partial void LogOtherServer(ILogger logger, string servers);
}
