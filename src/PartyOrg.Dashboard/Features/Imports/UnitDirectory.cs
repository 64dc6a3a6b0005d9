using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>
/// Every unit and version of the tree, loaded once per import (a province is a few thousand units), for
/// code lookups, validity and scope checks on any date. The units import also applies its changes here
/// so that later rows of the same file see them. <see cref="Lineage"/> resolves a scoped user's units on a date
/// (ADR-005) from the units and lineage as stored when the import began.
/// </summary>
internal sealed class UnitDirectory
{
    private readonly Dictionary<(int Unit, DateOnly Date, int Ancestor), bool> _within = [];

    public Dictionary<string, DirUnit> ByCode { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<int, DirUnit> ById { get; } = [];

    /// <summary>Every unit's life and parents and every lineage event as stored before this import.</summary>
    public LineageGraph Lineage { get; private set; } = new([], [], []);

    public static async Task<UnitDirectory> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var directory = new UnitDirectory();
        await foreach (var u in db.Units.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            directory.Add(new DirUnit { Id = u.Id, Code = u.Code, ValidFrom = u.ValidFrom, ValidTo = u.ValidTo, SourceId = u.SourceId });
        }

        await foreach (var v in db.UnitVersions.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            if (directory.ById.TryGetValue(v.UnitId, out var unit))
            {
                unit.Versions.Add(new DirVersion
                {
                    Id = v.Id, ValidFrom = v.ValidFrom, ValidTo = v.ValidTo, ParentId = v.ParentId, Kind = v.Kind, Sector = v.Sector,
                    Name = v.Name, ShortName = v.ShortName,
                });
            }
        }

        foreach (var unit in directory.ById.Values)
        {
            unit.Versions.Sort((a, b) => a.ValidFrom.CompareTo(b.ValidFrom));
        }

        var events = await db.LineageEvents.AsNoTracking().ToListAsync(ct);
        directory.Lineage = new LineageGraph(
            directory.ById.Values.Select(u => new LineageUnit(u.Id, u.Code, u.Versions.Count > 0 ? u.Versions[^1].Name : u.Code, u.ValidFrom, u.ValidTo)),
            directory.ById.Values.SelectMany(u => u.Versions.Select(v => new ParentSpan(u.Id, v.ParentId, v.ValidFrom, v.ValidTo))),
            events);
        return directory;
    }

    public void Add(DirUnit unit)
    {
        ByCode[unit.Code] = unit;
        ById[unit.Id] = unit;
        _within.Clear();
    }

    public void Changed() => _within.Clear();

    public DirUnit? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code);

    public DirUnit? Parent(DirUnit unit, DateOnly date) =>
        unit.VersionOn(date)?.ParentId is { } parent ? ById.GetValueOrDefault(parent) : null;

    /// <summary>Whether <paramref name="unit"/> is <paramref name="ancestor"/> or below it in the tree of <paramref name="date"/>.</summary>
    public bool IsWithin(DirUnit unit, DirUnit ancestor, DateOnly date)
    {
        var key = (unit.Id, date, ancestor.Id);
        if (_within.TryGetValue(key, out var known))
        {
            return known;
        }

        var result = false;
        var current = unit;
        for (var depth = 0; current is not null && depth < 64; depth++)
        {
            if (current.Id == ancestor.Id)
            {
                result = true;
                break;
            }

            current = Parent(current, date);
        }

        _within[key] = result;
        return result;
    }

    /// <summary>Units whose version on <paramref name="date"/> has <paramref name="parent"/> as parent.</summary>
    public IEnumerable<DirUnit> ChildrenOn(DirUnit parent, DateOnly date) =>
        ById.Values.Where(u => u.IsValidOn(date) && u.VersionOn(date)?.ParentId == parent.Id);
}

internal sealed class DirUnit
{
    public int Id { get; set; }

    public required string Code { get; init; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public int SourceId { get; set; }

    public List<DirVersion> Versions { get; } = [];

    public bool IsValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date < ValidTo);

    public DirVersion? VersionOn(DateOnly date)
    {
        for (var i = Versions.Count - 1; i >= 0; i--)
        {
            var v = Versions[i];
            if (v.ValidFrom <= date && (v.ValidTo is null || date < v.ValidTo))
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>The version on the date, or else the last one (for a unit looked up outside its life).</summary>
    public DirVersion? VersionOnOrLast(DateOnly date) => VersionOn(date) ?? (Versions.Count > 0 ? Versions[^1] : null);
}

internal sealed class DirVersion
{
    public int Id { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public int? ParentId { get; set; }

    public UnitKind Kind { get; set; }

    public UnitSector Sector { get; set; }

    public required string Name { get; set; }

    public required string ShortName { get; set; }
}
