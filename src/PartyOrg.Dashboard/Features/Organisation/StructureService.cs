using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Organisation;

/// <summary>How many units of one kind and sector lie below a unit.</summary>
public sealed record KindSectorCount(UnitKind Kind, UnitSector Sector, int Count);

/// <summary>
/// A unit's structure at the end of a quarter (the figures of the official form Biểu 5): descendant
/// units by kind and sector, and the members on the roll of its subtree.
/// </summary>
public sealed record UnitStructure(
    OrgNode Unit,
    Quarter Quarter,
    IReadOnlyList<KindSectorCount> Descendants,
    int Members,
    int Exempt,
    int Probationary,
    int Women,
    int EthnicMinority)
{
    public int Eligible => Members - Exempt;

    public int CountOf(UnitKind kind) => Descendants.Where(d => d.Kind == kind).Sum(d => d.Count);

    public int CountOf(UnitKind kind, UnitSector sector) =>
        Descendants.Where(d => d.Kind == kind && d.Sector == sector).Sum(d => d.Count);

    /// <summary>Commune-level committees: xã, phường and thị trấn.</summary>
    public int CommuneLevel => Descendants.Where(d => d.Kind == UnitKind.GrassrootsCommittee && d.Sector.IsCommuneLevel()).Sum(d => d.Count);
}

public sealed class StructureService(IDbContextFactory<AppDbContext> contexts, OrgTreeService trees)
{
    /// <returns>Null when no unit with that code existed at the end of the quarter.</returns>
    public async Task<UnitStructure?> GetStructureAsync(string code, Quarter quarter, CancellationToken cancellationToken = default)
    {
        var tree = await trees.GetTreeAsync(quarter, cancellationToken);
        return tree.Find(code) is { } unit ? await GetStructureAsync(tree, unit, cancellationToken) : null;
    }

    public async Task<UnitStructure> GetStructureAsync(OrgTree tree, OrgNode unit, CancellationToken cancellationToken = default)
    {
        var subtree = tree.Subtree(unit.Id).ToList();
        var ids = subtree.Select(n => n.Id).ToHashSet();
        var counts = subtree.Skip(1)
            .GroupBy(n => (n.Kind, n.Sector))
            .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Sector)
            .Select(g => new KindSectorCount(g.Key.Kind, g.Key.Sector, g.Count()))
            .ToList();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = tree.Quarter.Key;
        var rolls = await db.Memberships.AsNoTracking()
            .Where(m => m.QuarterKey == key)
            .Select(m => new { m.UnitId, m.Members, m.Exempt, m.Probationary, m.Women, m.EthnicMinority })
            .ToListAsync(cancellationToken);
        var mine = rolls.Where(r => ids.Contains(r.UnitId)).ToList();

        return new UnitStructure(
            unit, tree.Quarter, counts,
            mine.Sum(r => r.Members), mine.Sum(r => r.Exempt), mine.Sum(r => r.Probationary),
            mine.Sum(r => r.Women), mine.Sum(r => r.EthnicMinority));
    }
}
