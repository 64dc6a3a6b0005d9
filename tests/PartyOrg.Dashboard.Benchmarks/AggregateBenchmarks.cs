using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Benchmarks;

/// <summary>
/// The aggregates' targets on the demo province: recompute one quarter, and the read behind
/// <c>GET /api/v1/units/{code}/metrics</c> compared with computing the same metrics from the raw facts
/// for that one request (the reason the aggregates exist).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class AggregateBenchmarks
{
    private static readonly Quarter Quarter = new(2024, 4);
    private BenchmarkDatabase _db = default!;
    private int _province;

    [Params(1)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _db = BenchmarkDatabase.OpenAsync(Scale).GetAwaiter().GetResult();
        var tree = _db.Trees.GetTreeAsync(Quarter).GetAwaiter().GetResult();
        _province = tree.Find("TV")!.Id;
    }

    [IterationSetup(Target = nameof(RecomputeQuarterFromScratch))]
    public void ForgetQuarter() => _db.ForgetAggregatesAsync(Quarter).GetAwaiter().GetResult();

    /// <summary>Every row of the quarter written: the first computation, or a change that touches every unit.</summary>
    [Benchmark(Description = "recompute one quarter (2024-Q4), all ~100k rows written")]
    public Task<RecomputeResult> RecomputeQuarterFromScratch() => _db.Aggregates.RecomputeAsync(Quarter);

    /// <summary>The nightly case: facts unchanged, so nothing is written.</summary>
    [Benchmark(Description = "recompute one quarter (2024-Q4), facts unchanged")]
    public Task<RecomputeResult> RecomputeQuarterUnchanged() => _db.Aggregates.RecomputeAsync(Quarter);

    /// <summary>
    /// What the metrics endpoint does: the quarter's tree (cached) for the scope check, the catalogue's
    /// keys, then the unit's rows.
    /// </summary>
    [Benchmark(Baseline = true, Description = "metrics of the province, from the aggregates")]
    public async Task<UnitMetrics> MetricsFromAggregates()
    {
        var tree = await _db.Trees.GetTreeAsync(Quarter);
        var keys = await _db.Metrics.AllKeysAsync();
        return await _db.Metrics.GetAsync(tree.Find("TV")!.Id, Quarter, keys);
    }

    [Benchmark(Description = "the same metrics computed on the fly from the facts")]
    public async Task<int> MetricsOnTheFly()
    {
        var facts = await _db.Loader.LoadAsync(Quarter, CancellationToken.None);
        return AggregateCalculator.Compute(facts).Count(m => m.UnitId == _province);
    }
}

/// <summary>Rebuild every quarter of the demo data (2021-Q1 … 2026-Q3): one long operation, measured a few times.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class RebuildAllBenchmarks
{
    private BenchmarkDatabase _db = default!;

    [Params(1)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup() => _db = BenchmarkDatabase.OpenAsync(Scale).GetAwaiter().GetResult();

    [IterationSetup]
    public void ForgetAll() => _db.ForgetAggregatesAsync(null).GetAwaiter().GetResult();

    [Benchmark(Description = "rebuild all quarters from scratch")]
    public Task<IReadOnlyList<RecomputeResult>> RebuildAll() => _db.Aggregates.RebuildAllAsync();
}
