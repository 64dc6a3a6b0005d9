using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Infrastructure;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Aggregates;

public enum RecomputeOutcome
{
    Computed = 1,

    /// <summary>Another recompute of the same quarter holds the lease; nothing was done.</summary>
    AlreadyRunning = 2,
}

/// <param name="Holder">With <see cref="RecomputeOutcome.AlreadyRunning"/>: who holds the quarter's lease, and since when.</param>
public sealed record RecomputeResult(Quarter Quarter, RecomputeOutcome Outcome, int Rows, long DataVersion, TimeSpan Elapsed, LeaseHolder? Holder = null)
{
    /// <summary>"being recomputed by node web-1 (process 4242) since 18:02:11 03/12/2026" (Vietnam time), or null when it ran.</summary>
    public string? RunningElsewhere => Holder is { } h
        ? string.Create(CultureInfo.InvariantCulture, $"being recomputed by node {h.Node} (process {h.ProcessId}) since {AppClock.ToLocal(h.Since):HH:mm:ss dd/MM/yyyy}")
        : Outcome == RecomputeOutcome.AlreadyRunning ? "being recomputed by another run" : null;
}

/// <summary>
/// Recomputes the aggregates of a quarter: takes a short lease on the quarter, computes from the facts
/// without holding any lock, then swaps the rows in one transaction. A failure leaves the previous
/// aggregates in place. Running it twice gives identical rows.
/// The lease lasts <see cref="LeaseDuration"/> and is renewed every <see cref="LeaseRenewal"/> while the run loads and
/// computes, so a run whose process died (a crash, a kill) frees its quarter within half a minute on any node, and at
/// once for a run of this node whose process is known to have ended.
/// </summary>
public sealed partial class AggregateService(
    IDbContextFactory<AppDbContext> contexts,
    QuarterFactsLoader loader,
    TimeProvider time,
    AppNode node,
    ILogger<AggregateService> logger) : IDisposable
{
    /// <summary>How long a lease lasts without renewal: a dead run's quarter is free again after this.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    /// <summary>How often a running recompute renews its lease.</summary>
    public static readonly TimeSpan LeaseRenewal = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _swapGate = new(1, 1);

    /// <summary>Test hook: runs between computing and swapping (e.g. to fail a run on purpose).</summary>
    internal Func<Quarter, Task>? BeforeSwap { get; set; }

    /// <summary>Test hook: runs after each renewal of a lease, with whether the lease was still held.</summary>
    internal Action<Quarter, bool>? LeaseRenewed { get; set; }

    public async Task<RecomputeResult> RecomputeAsync(Quarter quarter, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var owner = LeaseHolder.For(node, time.GetUtcNow()).ToString();
        var (version, holder) = await TryTakeLeaseAsync(quarter, owner, cancellationToken);
        if (version is null)
        {
            LogAlreadyRunning(logger, quarter, holder);
            return new RecomputeResult(quarter, RecomputeOutcome.AlreadyRunning, 0, 0, stopwatch.Elapsed, holder);
        }

        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = new CancellationTokenSource();
        var renewing = RenewLeaseAsync(quarter, owner, lost, renewal.Token);
        try
        {
            var facts = await loader.LoadAsync(quarter, lost.Token);
            var loaded = stopwatch.Elapsed;
            var rows = AggregateCalculator.Compute(facts);
            var computed = stopwatch.Elapsed;
            if (BeforeSwap is { } hook)
            {
                await hook(quarter);
            }

            // One swap at a time in this process: SQLite has a single writer, and a province-scale
            // swap can outlast the busy timeout of a second writer waiting for it (scale 30 writes
            // millions of rows). Loading and computing, the larger part, still overlap.
            await _swapGate.WaitAsync(lost.Token);
            try
            {
                // The swap checks the lease first, in its transaction; renewing while it writes would only wait on it.
                await StopAsync(renewal, renewing);
                lost.Token.ThrowIfCancellationRequested();
                await SwapAsync(quarter, rows, version.Value, owner, stopwatch.Elapsed, cancellationToken);
            }
            finally
            {
                _swapGate.Release();
            }

            LogComputed(logger, quarter, rows.Count, stopwatch.Elapsed.TotalMilliseconds, loaded.TotalMilliseconds, (computed - loaded).TotalMilliseconds, (stopwatch.Elapsed - computed).TotalMilliseconds);
            return new RecomputeResult(quarter, RecomputeOutcome.Computed, rows.Count, version.Value, stopwatch.Elapsed);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var failure = new InvalidOperationException($"The lease on {quarter} was lost while it was recomputed (another node took it over); nothing was swapped.");
            await ReleaseAfterFailureAsync(quarter, owner, failure);
            throw failure;
        }
        catch (Exception ex)
        {
            await ReleaseAfterFailureAsync(quarter, owner, ex);
            throw;
        }
        finally
        {
            await StopAsync(renewal, renewing);
            renewal.Dispose();
        }
    }

    private static async Task StopAsync(CancellationTokenSource renewal, Task renewing)
    {
        if (!renewal.IsCancellationRequested)
        {
            await renewal.CancelAsync();
        }

        await renewing;
    }

    /// <summary>
    /// Renews the lease every <see cref="LeaseRenewal"/> until <paramref name="stop"/>; cancels <paramref name="lost"/>
    /// when the lease is found taken over. A renewal that fails (the database busy) is tried again at the next tick:
    /// the swap's own check decides in the end.
    /// </summary>
    private async Task RenewLeaseAsync(Quarter quarter, string owner, CancellationTokenSource lost, CancellationToken stop)
    {
        var key = quarter.Key;
        using var timer = new PeriodicTimer(LeaseRenewal, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                bool held;
                try
                {
                    await using var db = await contexts.CreateDbContextAsync(stop);
                    var until = time.GetUtcNow().ToUnixTimeMilliseconds() + (long)LeaseDuration.TotalMilliseconds;
                    held = await db.QuarterStates
                        .Where(s => s.QuarterKey == key && s.LeaseOwner == owner)
                        .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntil, until), stop) == 1;
                }
                catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
                {
                    LogRenewalFailed(logger, quarter, ex);
                    continue;
                }

                LeaseRenewed?.Invoke(quarter, held);
                if (!held)
                {
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is swapping or has ended.
        }
    }

    /// <summary>
    /// Recomputes every quarter that has facts. Quarters are independent, so two run at a time: one
    /// quarter's facts load and compute while the other's rows are written (swaps themselves take
    /// turns; each quarter still takes its own lease). Results come back oldest first.
    /// </summary>
    public async Task<IReadOnlyList<RecomputeResult>> RebuildAllAsync(CancellationToken cancellationToken = default)
    {
        var quarters = await QuartersWithDataAsync(cancellationToken);
        var results = new RecomputeResult[quarters.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = RebuildParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(
            Enumerable.Range(0, quarters.Count),
            options,
            async (i, ct) => results[i] = await RecomputeAsync(quarters[i], ct));
        return results;
    }

    /// <summary>How many quarters <see cref="RebuildAllAsync"/> works on at once.</summary>
    public int RebuildParallelism { get; init; } = 2;

    public void Dispose() => _swapGate.Dispose();

    /// <summary>Every quarter that has facts, oldest first.</summary>
    public async Task<IReadOnlyList<Quarter>> QuartersWithDataAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = await db.QuarterStates.AsNoTracking().OrderBy(s => s.QuarterKey).Select(s => s.QuarterKey).ToListAsync(cancellationToken);
        return keys.Select(Quarter.FromKey).ToList();
    }

    public async Task<QuarterState?> GetStateAsync(Quarter quarter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.QuarterStates.AsNoTracking().SingleOrDefaultAsync(s => s.QuarterKey == quarter.Key, cancellationToken);
    }

    /// <returns>
    /// The quarter's data version at the moment the lease was taken, or null and the holder when another run holds it.
    /// </returns>
    private async Task<(long? Version, LeaseHolder? Holder)> TryTakeLeaseAsync(Quarter quarter, string owner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = quarter.Key;
        if (!await db.QuarterStates.AnyAsync(s => s.QuarterKey == key, cancellationToken))
        {
            db.QuarterStates.Add(new QuarterState { QuarterKey = key, DataVersion = 0, DataChangedAt = time.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another run created it first; the conditional update below decides who goes on.
            }

            db.ChangeTracker.Clear();
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var until = now + (long)LeaseDuration.TotalMilliseconds;
        var taken = await db.QuarterStates
            .Where(s => s.QuarterKey == key && (s.LeaseUntil == null || s.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseOwner, owner).SetProperty(s => s.LeaseUntil, until), cancellationToken);
        if (taken != 1)
        {
            // Held: by a live run, or by a process of this node that has ended (killed mid-run), whose lease is taken
            // over at once — only if it still holds it, so two runs taking over together cannot both win.
            var stored = await db.QuarterStates.Where(s => s.QuarterKey == key).Select(s => s.LeaseOwner).SingleOrDefaultAsync(cancellationToken);
            var holder = LeaseHolder.Parse(stored);
            if (stored is null || holder is null || !node.HasEndedHere(holder.Node, holder.ProcessId))
            {
                return (null, holder);
            }

            taken = await db.QuarterStates
                .Where(s => s.QuarterKey == key && s.LeaseOwner == stored)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseOwner, owner).SetProperty(s => s.LeaseUntil, until), cancellationToken);
            if (taken != 1)
            {
                return (null, LeaseHolder.Parse(await db.QuarterStates.Where(s => s.QuarterKey == key).Select(s => s.LeaseOwner).SingleOrDefaultAsync(cancellationToken)));
            }

            LogTakenOver(logger, quarter, stored);
        }

        return (await db.QuarterStates.Where(s => s.QuarterKey == key).Select(s => s.DataVersion).SingleAsync(cancellationToken), null);
    }

    private async Task SwapAsync(Quarter quarter, IReadOnlyList<MetricValue> rows, long version, string owner, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var writer = await BulkWriter.OpenAsync(db, cancellationToken);
        var key = quarter.Key;
        var stillOurs = await db.QuarterStates
            .Where(s => s.QuarterKey == key && s.LeaseOwner == owner)
            .ExecuteUpdateAsync(
                u => u.SetProperty(s => s.ComputedVersion, version)
                    .SetProperty(s => s.ComputedAt, time.GetUtcNow())
                    .SetProperty(s => s.ComputeSeconds, elapsed.TotalSeconds)
                    .SetProperty(s => s.LastError, (string?)null)
                    .SetProperty(s => s.LastErrorAt, (DateTimeOffset?)null)
                    .SetProperty(s => s.LeaseOwner, (string?)null)
                    .SetProperty(s => s.LeaseUntil, (long?)null),
                cancellationToken);
        if (stillOurs != 1)
        {
            throw new InvalidOperationException($"The lease on {quarter} expired before its recompute finished; nothing was swapped.");
        }

        // Rewrite only the units whose rows changed. A change to one cell's facts touches that cell and
        // its ancestors, so a typical recompute writes a few hundred rows rather than the quarter's 100,000;
        // a rerun on unchanged facts writes none.
        var stored = await db.Metrics.AsNoTracking().Where(m => m.QuarterKey == key).ToListAsync(cancellationToken);
        var before = ByUnit(stored);
        var after = ByUnit(rows);
        var changed = after.Keys.Union(before.Keys)
            .Where(unit => !before.TryGetValue(unit, out var old) || !after.TryGetValue(unit, out var now) || !old.SequenceEqual(now, RowComparer.Instance))
            .ToHashSet();
        var stale = before.Keys.Where(changed.Contains).ToList();
        if (stale.Count == before.Count && stale.Count > 0)
        {
            await db.Metrics.Where(m => m.QuarterKey == key).ExecuteDeleteAsync(cancellationToken);
        }
        else if (stale.Count > 0)
        {
            await db.Metrics.Where(m => m.QuarterKey == key && stale.Contains(m.UnitId)).ExecuteDeleteAsync(cancellationToken);
        }

        await writer.WriteAsync(rows.Where(r => changed.Contains(r.UnitId)).ToList(), cancellationToken);
        await writer.CommitAsync(cancellationToken);
    }

    private static Dictionary<int, List<MetricValue>> ByUnit(IEnumerable<MetricValue> rows) =>
        rows.GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Key, StringComparer.Ordinal).ToList());

    private sealed class RowComparer : IEqualityComparer<MetricValue>
    {
        public static readonly RowComparer Instance = new();

        public bool Equals(MetricValue? x, MetricValue? y) =>
            x is not null && y is not null
            && x.Key == y.Key && x.Numerator.Equals(y.Numerator) && x.Denominator.Equals(y.Denominator) && x.Suppressed == y.Suppressed;

        public int GetHashCode(MetricValue obj) => HashCode.Combine(obj.Key, obj.Numerator, obj.Denominator, obj.Suppressed);
    }

    private async Task ReleaseAfterFailureAsync(Quarter quarter, string owner, Exception failure)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            var key = quarter.Key;
            var message = failure.Message.Length > 2000 ? failure.Message[..2000] : failure.Message;
            await db.QuarterStates
                .Where(s => s.QuarterKey == key && s.LeaseOwner == owner)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseOwner, (string?)null)
                    .SetProperty(s => s.LeaseUntil, (long?)null)
                    .SetProperty(s => s.LastError, message)
                    .SetProperty(s => s.LastErrorAt, time.GetUtcNow()));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            // The lease expires on its own; the original failure is what the caller needs to see.
            LogReleaseFailed(logger, quarter, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Aggregates of {Quarter}: {Rows} rows in {Milliseconds:0} ms (load {Load:0}, compute {Compute:0}, swap {Swap:0}).")]
    private static partial void LogComputed(ILogger logger, Quarter quarter, int rows, double milliseconds, double load, double compute, double swap);

    [LoggerMessage(Level = LogLevel.Information, Message = "A recompute of {Quarter} is already running ({Holder}); this one stops.")]
    private static partial void LogAlreadyRunning(ILogger logger, Quarter quarter, LeaseHolder? holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on {Quarter} was held by {Holder}, a process of this node that has ended; taken over.")]
    private static partial void LogTakenOver(ILogger logger, Quarter quarter, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease on {Quarter}; trying again at the next tick.")]
    private static partial void LogRenewalFailed(ILogger logger, Quarter quarter, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the lease on {Quarter} after a failure.")]
    private static partial void LogReleaseFailed(ILogger logger, Quarter quarter, Exception exception);
}
