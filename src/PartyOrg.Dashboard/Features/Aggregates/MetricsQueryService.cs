using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Aggregates;

/// <summary>A metric as read: null value when the denominator is 0 or the result is suppressed.</summary>
public sealed record Metric(double? Value, double? Numerator, double? Denominator, bool Suppressed)
{
    public static Metric Empty { get; } = new(null, 0, 0, false);

    public static Metric From(MetricValue row) => row.Suppressed
        ? new Metric(null, null, null, true)
        : new Metric(row.Denominator == 0 ? null : row.Numerator / row.Denominator, row.Numerator, row.Denominator, false);
}

/// <summary>The metrics of one unit in one quarter, with the freshness of the aggregates they come from.</summary>
public sealed record UnitMetrics(
    Quarter Quarter,
    DateTimeOffset? ComputedAt,
    long? DataVersion,
    bool Stale,
    IReadOnlyDictionary<string, Metric> Values);

public sealed record MetricPoint(Quarter Quarter, Metric Metric, bool Stale);

/// <summary>Reads aggregates only: the dashboard, the briefings and the API never compute from facts.</summary>
public sealed class MetricsQueryService(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<IReadOnlyList<string>> AllKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var practices = await db.Practices.AsNoTracking().OrderBy(p => p.Code).Select(p => p.Code).ToListAsync(cancellationToken);
        return [.. MetricKeys.Fixed, .. practices.Select(MetricKeys.PracticeCoverage)];
    }

    public async Task<UnitMetrics> GetAsync(int unitId, Quarter quarter, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = quarter.Key;
        var state = await db.QuarterStates.AsNoTracking().SingleOrDefaultAsync(s => s.QuarterKey == key, cancellationToken);
        var rows = await db.Metrics.AsNoTracking()
            .Where(m => m.QuarterKey == key && m.UnitId == unitId && keys.Contains(m.Key))
            .ToDictionaryAsync(m => m.Key, cancellationToken);
        var values = keys.ToDictionary(k => k, k => rows.TryGetValue(k, out var row) ? Metric.From(row) : Metric.Empty, StringComparer.Ordinal);
        return new UnitMetrics(quarter, state?.ComputedAt, state?.ComputedVersion, state is null || state.IsStale, values);
    }

    public async Task<IReadOnlyList<MetricPoint>> GetSeriesAsync(int unitId, string metricKey, Quarter from, Quarter to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (first, last) = (from.Key, to.Key);
        var quarterKeys = Quarter.Range(from, to).Select(q => q.Key).ToList();
        var rows = await db.Metrics.AsNoTracking()
            .Where(m => quarterKeys.Contains(m.QuarterKey) && m.UnitId == unitId && m.Key == metricKey)
            .ToDictionaryAsync(m => m.QuarterKey, cancellationToken);
        var states = await db.QuarterStates.AsNoTracking()
            .Where(s => s.QuarterKey >= first && s.QuarterKey <= last)
            .ToDictionaryAsync(s => s.QuarterKey, cancellationToken);
        return Quarter.Range(from, to)
            .Select(q => new MetricPoint(
                q,
                rows.TryGetValue(q.Key, out var row) ? Metric.From(row) : Metric.Empty,
                !states.TryGetValue(q.Key, out var state) || state.IsStale))
            .ToList();
    }

    /// <summary>
    /// Some metrics of many units in one quarter in one query (children of a unit, units needing attention).
    /// A unit or key with no stored row reads as <see cref="Metric.Empty"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyDictionary<string, Metric>>> GetManyAsync(
        IReadOnlyCollection<int> unitIds, Quarter quarter, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = quarter.Key;
        var ids = unitIds.ToList();
        var wanted = keys.ToList();
        var rows = await db.Metrics.AsNoTracking()
            .Where(m => m.QuarterKey == key && ids.Contains(m.UnitId) && wanted.Contains(m.Key))
            .ToListAsync(cancellationToken);
        var byUnit = rows.ToLookup(r => r.UnitId);
        return ids.Distinct().ToDictionary(
            id => id,
            id =>
            {
                var found = byUnit[id].ToDictionary(r => r.Key, Metric.From, StringComparer.Ordinal);
                return (IReadOnlyDictionary<string, Metric>)wanted.ToDictionary(k => k, k => found.GetValueOrDefault(k) ?? Metric.Empty, StringComparer.Ordinal);
            });
    }

    /// <summary>
    /// Some metrics of one unit over a range of quarters in one query (the practices' curves, the trends of
    /// several figures). Every quarter and key is present; a missing row reads as <see cref="Metric.Empty"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<Quarter, IReadOnlyDictionary<string, Metric>>> GetSeriesManyAsync(
        int unitId, IReadOnlyCollection<string> keys, Quarter from, Quarter to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A list of quarter keys (not a range) lets the primary key (quarter, unit, key) seek per quarter.
        var quarterKeys = Quarter.Range(from, to).Select(q => q.Key).ToList();
        var wanted = keys.ToList();
        var rows = await db.Metrics.AsNoTracking()
            .Where(m => quarterKeys.Contains(m.QuarterKey) && m.UnitId == unitId && wanted.Contains(m.Key))
            .ToListAsync(cancellationToken);
        var byQuarter = rows.ToLookup(r => r.QuarterKey);
        return Quarter.Range(from, to).ToDictionary(
            q => q,
            q =>
            {
                var found = byQuarter[q.Key].ToDictionary(r => r.Key, Metric.From, StringComparer.Ordinal);
                return (IReadOnlyDictionary<string, Metric>)wanted.ToDictionary(k => k, k => found.GetValueOrDefault(k) ?? Metric.Empty, StringComparer.Ordinal);
            });
    }
}
