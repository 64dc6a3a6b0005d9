using Hangfire;
using Hangfire.Server;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Logging.Abstractions;
using PartyOrg.Dashboard.Features.Jobs;
using PartyOrg.Dashboard.Infrastructure;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Jobs;

/// <summary>
/// On the embedded default (SQLite job storage), a job that a crash interrupted is fetched again as soon as the server
/// starts, instead of after the storage's 30-minute invisibility timeout; a live server on the same file is respected.
/// </summary>
public sealed class InterruptedJobsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "partyorg-tests", Guid.NewGuid().ToString("N"));
    private readonly SQLiteStorage _storage;

    public InterruptedJobsTests()
    {
        Directory.CreateDirectory(_dir);
        _storage = new SQLiteStorage(Path.Combine(_dir, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(100) });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _storage.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private InterruptedJobs Recovery() => new(_storage, new AppNode("test"), TimeProvider.System, NullLogger<InterruptedJobs>.Instance);

    /// <summary>Enqueues a job and fetches it as a worker would, then "dies": the fetched job is never completed or put back.</summary>
    private string EnqueueAndFetchWithoutFinishing()
    {
        var id = new BackgroundJobClient(_storage).Enqueue(() => MarkerJob.Run(3));
        using var connection = _storage.GetConnection();
        var fetched = connection.FetchNextJob(["default"], Ct);
        Assert.Equal(id, fetched.JobId);
        return id;
    }

    /// <summary>The next job a worker would fetch within a few seconds, or null when none is visible.</summary>
    private string? FetchWithin(TimeSpan wait)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(wait);
        using var connection = _storage.GetConnection();
        try
        {
            return connection.FetchNextJob(["default"], cancel.Token).JobId;
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return null;
        }
    }

    [Fact]
    public void AJobFetchedByAProcessThatEnded_IsFetchedAgainAtOnce_AfterTheServerStarts()
    {
        var id = EnqueueAndFetchWithoutFinishing();
        Assert.Null(FetchWithin(TimeSpan.FromSeconds(1)));

        var requeued = Recovery().RequeueOnSqlite(_storage);

        Assert.Equal(1, requeued);
        Assert.Equal(id, FetchWithin(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void WhileAnotherProcessesServerIsAlive_NothingIsTakenFromIt()
    {
        EnqueueAndFetchWithoutFinishing();
        using (var connection = _storage.GetConnection())
        {
            connection.AnnounceServer($"partyorg-web-2:{Environment.ProcessId}:{Guid.NewGuid()}", new ServerContext { Queues = ["default"], WorkerCount = 1 });
        }

        Assert.Equal(0, Recovery().RequeueOnSqlite(_storage));
        Assert.Null(FetchWithin(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task AServerOfThisNodeWhoseProcessEnded_IsNotTakenForAlive()
    {
        var id = EnqueueAndFetchWithoutFinishing();
        var ended = await EndedProcess.IdAsync(Ct);
        using (var connection = _storage.GetConnection())
        {
            connection.AnnounceServer($"partyorg-test:{ended}:{Guid.NewGuid()}", new ServerContext { Queues = ["default"], WorkerCount = 1 });
        }

        Assert.Equal(1, Recovery().RequeueOnSqlite(_storage));
        Assert.Equal(id, FetchWithin(TimeSpan.FromSeconds(10)));
    }
}
