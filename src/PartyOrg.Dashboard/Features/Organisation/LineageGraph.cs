using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Organisation;

/// <summary>How an assigned unit's scope was found on a date (ADR-005).</summary>
public enum ScopeResolution
{
    /// <summary>The unit exists on the date: its own subtree.</summary>
    Itself = 1,

    /// <summary>The unit had ended: the units that continue it.</summary>
    Successors = 2,

    /// <summary>The unit had not begun: the units it came from.</summary>
    Predecessors = 3,
}

/// <summary>The units a scope stands for on one date, and how they were found.</summary>
public sealed record ScopeLineage(ScopeResolution Resolution, IReadOnlyList<int> UnitIds);

/// <summary>A unit's life and last name, as the scope explanation needs it.</summary>
public sealed record LineageUnit(int Id, string Code, string Name, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool IsValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date < ValidTo);
}

/// <summary>
/// Every unit's life, parents over time and lineage events, in memory: what resolving a scope on a date
/// needs (ADR-005). Built from one read of three tables; a resolution is a walk over it and is memoised.
/// </summary>
public sealed class LineageGraph
{
    private static readonly LineageKind[] Succession = [LineageKind.Merge, LineageKind.Split, LineageKind.Rename];

    private readonly Dictionary<int, LineageUnit> _units;
    private readonly Dictionary<string, LineageUnit> _byCode;
    private readonly ILookup<int, int> _successors;
    private readonly ILookup<int, int> _predecessors;
    private readonly ILookup<int, ParentSpan> _childSpans;
    private readonly ConcurrentDictionary<(int Unit, DateOnly Date), ScopeLineage> _resolved = new();

    public LineageGraph(IEnumerable<LineageUnit> units, IEnumerable<ParentSpan> parents, IEnumerable<LineageEvent> events)
    {
        _units = units.ToDictionary(u => u.Id);
        _byCode = _units.Values.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        var links = events
            .Where(e => Succession.Contains(e.Kind) && e.SuccessorId is { } s && s != e.PredecessorId)
            .Select(e => (From: e.PredecessorId, To: e.SuccessorId!.Value))
            .Distinct()
            .ToList();
        _successors = links.ToLookup(l => l.From, l => l.To);
        _predecessors = links.ToLookup(l => l.To, l => l.From);
        _childSpans = parents.Where(p => p.ParentId is not null).ToLookup(p => p.ParentId!.Value);
    }

    public LineageUnit? Find(string code) => _byCode.GetValueOrDefault(code);

    public LineageUnit? Find(int id) => _units.GetValueOrDefault(id);

    /// <summary>
    /// The units that the scope assigned as <paramref name="code"/> stands for on <paramref name="date"/>,
    /// all of them existing that day; null when no unit has that code.
    /// <list type="bullet">
    /// <item>The unit exists then: the unit itself.</item>
    /// <item>It had ended: its merge, split and rename successors, followed until they exist on the date. A unit
    /// that ended without a successor (a district committee dissolved) is continued by what continues the
    /// units directly under it on its last day: a child that still exists (moved elsewhere) is itself, one
    /// that ended is followed the same way.</item>
    /// <item>It had not begun: its predecessors, followed back until they exist on the date.</item>
    /// </list>
    /// </summary>
    public ScopeLineage? Resolve(string code, DateOnly date) =>
        Find(code) is { } unit ? _resolved.GetOrAdd((unit.Id, date), key => Compute(_units[key.Unit], key.Date)) : null;

    private ScopeLineage Compute(LineageUnit unit, DateOnly date)
    {
        if (unit.IsValidOn(date))
        {
            return new ScopeLineage(ScopeResolution.Itself, [unit.Id]);
        }

        var found = new List<int>();
        var seen = new HashSet<int>();
        if (date < unit.ValidFrom)
        {
            Back(unit, date, found, seen);
            return new ScopeLineage(ScopeResolution.Predecessors, found);
        }

        Forward(unit, date, found, seen);
        return new ScopeLineage(ScopeResolution.Successors, found);
    }

    /// <summary>What continues <paramref name="unit"/>, which ended on or before <paramref name="date"/>.</summary>
    private void Forward(LineageUnit unit, DateOnly date, List<int> found, HashSet<int> seen)
    {
        if (!seen.Add(unit.Id))
        {
            return;
        }

        var successors = _successors[unit.Id].ToList();
        if (successors.Count > 0)
        {
            foreach (var id in successors)
            {
                Continue(id, date, found, seen);
            }

            return;
        }

        // Ended without a successor: continued through the units that were under it on its last day.
        var lastDay = unit.ValidTo!.Value.AddDays(-1);
        foreach (var child in _childSpans[unit.Id].Where(s => s.IsValidOn(lastDay)).Select(s => s.UnitId).Distinct())
        {
            if (_units.TryGetValue(child, out var c) && c.IsValidOn(lastDay))
            {
                Continue(child, date, found, seen);
            }
        }
    }

    private void Continue(int id, DateOnly date, List<int> found, HashSet<int> seen)
    {
        if (!_units.TryGetValue(id, out var next))
        {
            return;
        }

        if (next.IsValidOn(date))
        {
            if (seen.Add(next.Id))
            {
                found.Add(next.Id);
            }
        }
        else if (next.ValidTo is { } end && end <= date)
        {
            Forward(next, date, found, seen);
        }

        // Otherwise it begins after the date: nothing of it exists then.
    }

    /// <summary>What <paramref name="unit"/>, which begins after <paramref name="date"/>, came from.</summary>
    private void Back(LineageUnit unit, DateOnly date, List<int> found, HashSet<int> seen)
    {
        if (!seen.Add(unit.Id))
        {
            return;
        }

        foreach (var id in _predecessors[unit.Id])
        {
            if (!_units.TryGetValue(id, out var previous))
            {
                continue;
            }

            if (previous.IsValidOn(date))
            {
                if (seen.Add(previous.Id))
                {
                    found.Add(previous.Id);
                }
            }
            else if (date < previous.ValidFrom)
            {
                Back(previous, date, found, seen);
            }

            // Otherwise it had ended before the date: a gap, nothing of it exists then.
        }
    }

    /// <summary>Reads every unit, every version's parent and every lineage event (a province is a few thousand units).</summary>
    public static async Task<LineageGraph> ReadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.ValidFrom, u.ValidTo }).ToListAsync(cancellationToken);
        var versions = await db.UnitVersions.AsNoTracking()
            .Select(v => new { v.UnitId, v.ParentId, v.ValidFrom, v.ValidTo, v.Name })
            .ToListAsync(cancellationToken);
        var events = await db.LineageEvents.AsNoTracking().ToListAsync(cancellationToken);
        var lastNames = versions.GroupBy(v => v.UnitId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.ValidFrom)!.Name);
        return new LineageGraph(
            units.Select(u => new LineageUnit(u.Id, u.Code, lastNames.GetValueOrDefault(u.Id, u.Code), u.ValidFrom, u.ValidTo)),
            versions.Select(v => new ParentSpan(v.UnitId, v.ParentId, v.ValidFrom, v.ValidTo)),
            events);
    }
}

/// <summary>A unit's parent over an interval (one unit version).</summary>
public sealed record ParentSpan(int UnitId, int? ParentId, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool IsValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date < ValidTo);
}
