using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Organisation;

/// <summary>
/// Reads the organisation tree as it stood in a quarter, and the history of a unit. Trees are cached per
/// quarter and reread when the quarter's data version moves (every change to units marks the quarters it
/// touches), so a change made by another process (an import from the CLI) is seen on the next request.
/// </summary>
public sealed class OrgTreeService(IDbContextFactory<AppDbContext> contexts)
{
    private readonly ConcurrentDictionary<int, (long? Version, OrgTree Tree)> _cache = new();
    private volatile CachedLineage? _lineage;

    public async Task<OrgTree> GetTreeAsync(Quarter quarter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = quarter.Key;
        var version = await db.QuarterStates.AsNoTracking().Where(s => s.QuarterKey == key).Select(s => (long?)s.DataVersion).SingleOrDefaultAsync(cancellationToken);
        if (_cache.TryGetValue(key, out var cached) && cached.Version == version && version is not null)
        {
            return cached.Tree;
        }

        var tree = await ReadTreeAsync(db, quarter, cancellationToken);
        _cache[key] = (version, tree);
        return tree;
    }

    /// <summary>The trees of several quarters, oldest first: their data versions in one query, cached trees reused.</summary>
    public async Task<IReadOnlyList<OrgTree>> GetTreesAsync(IEnumerable<Quarter> quarters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(quarters);
        var ordered = quarters.Distinct().Order().ToList();
        var keys = ordered.Select(q => q.Key).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = await db.QuarterStates.AsNoTracking().Where(s => keys.Contains(s.QuarterKey))
            .ToDictionaryAsync(s => s.QuarterKey, s => s.DataVersion, cancellationToken);
        var trees = new List<OrgTree>(ordered.Count);
        foreach (var quarter in ordered)
        {
            long? version = versions.TryGetValue(quarter.Key, out var v) ? v : null;
            if (_cache.TryGetValue(quarter.Key, out var cached) && cached.Version == version && version is not null)
            {
                trees.Add(cached.Tree);
                continue;
            }

            var tree = await ReadTreeAsync(db, quarter, cancellationToken);
            _cache[quarter.Key] = (version, tree);
            trees.Add(tree);
        }

        return trees;
    }

    /// <summary>
    /// Every unit's life, parents and lineage events (scope resolution, ADR-005), cached like the trees and
    /// reread when any quarter's data version moves: unlike a tree, a resolution before a unit began depends
    /// on changes of later quarters, so no single quarter's version can stand for it.
    /// </summary>
    public async Task<LineageGraph> GetLineageGraphAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var states = await db.QuarterStates.AsNoTracking().Select(s => s.DataVersion).ToListAsync(cancellationToken);
        var stamp = new LineageStamp(states.Count, states.Sum());
        if (_lineage is { } cached && cached.Stamp == stamp && stamp.Quarters > 0)
        {
            return cached.Graph;
        }

        var graph = await LineageGraph.ReadAsync(db, cancellationToken);
        _lineage = new CachedLineage(stamp, graph);
        return graph;
    }

    private static Task<OrgTree> ReadTreeAsync(AppDbContext db, Quarter quarter, CancellationToken cancellationToken) =>
        ReadTreeOnAsync(db, quarter.End, cancellationToken);

    /// <summary>
    /// The tree as it stood on <paramref name="date"/> (the units valid that day, each with that day's
    /// version), read from the database without the cache: for a day inside a quarter, as forms need.
    /// </summary>
    public static async Task<OrgTree> ReadTreeOnAsync(AppDbContext db, DateOnly date, CancellationToken cancellationToken)
    {
        var rows = await (
            from v in db.UnitVersions.AsNoTracking()
            join u in db.Units on v.UnitId equals u.Id
            where v.ValidFrom <= date && (v.ValidTo == null || v.ValidTo > date)
                && u.ValidFrom <= date && (u.ValidTo == null || u.ValidTo > date)
            select new { u.Id, u.Code, v.Name, v.ShortName, v.Kind, v.Sector, v.ParentId })
            .ToListAsync(cancellationToken);

        var codes = rows.ToDictionary(r => r.Id, r => r.Code);
        return new OrgTree(Quarter.Containing(date), rows.Select(r => new OrgNode(
            r.Id, r.Code, r.Name, r.ShortName, r.Kind, r.Sector, r.ParentId,
            r.ParentId is { } p ? codes.GetValueOrDefault(p) : null)));
    }

    /// <summary>The lineage events that touch a unit, oldest first, with the other unit's code.</summary>
    public async Task<IReadOnlyList<LineageLink>> GetLineageAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var unitId = await db.Units.Where(u => u.Code == code).Select(u => (int?)u.Id).SingleOrDefaultAsync(cancellationToken);
        if (unitId is null)
        {
            return [];
        }

        return await (
            from e in db.LineageEvents.AsNoTracking()
            where e.PredecessorId == unitId || e.SuccessorId == unitId
            join p in db.Units on e.PredecessorId equals p.Id
            join s in db.Units on e.SuccessorId equals s.Id into successors
            from s in successors.DefaultIfEmpty()
            orderby e.EffectiveDate, e.Id
            select new LineageLink(e.Kind, e.EffectiveDate, p.Code, s == null ? null : s.Code, e.Note))
            .ToListAsync(cancellationToken);
    }
}

internal sealed record LineageStamp(int Quarters, long DataVersions);

internal sealed record CachedLineage(LineageStamp Stamp, LineageGraph Graph);

public sealed record LineageLink(LineageKind Kind, DateOnly EffectiveDate, string PredecessorCode, string? SuccessorCode, string? Note);
