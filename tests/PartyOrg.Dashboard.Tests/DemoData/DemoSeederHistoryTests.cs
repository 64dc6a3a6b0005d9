using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.DemoData;

/// <summary>01/01/2025 ward mergers and the end of districts on 01/07/2025.</summary>
public sealed class DemoSeederHistoryTests(SeededDemoDatabases databases)
{
    private static readonly DateOnly End2024 = new Quarter(2024, 4).End;
    private static readonly DateOnly End2025Q3 = new Quarter(2025, 3).End;

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SeedAsync_2024Q4_ShowsNineDistrictsUnderTheProvince(DatabaseProvider provider)
    {
        var tree = (await databases.GetAsync(provider)).Rows.TreeOn(End2024);
        var province = Assert.Single(tree.Values, v => v.Kind == UnitKind.Province);

        Assert.Equal(9, tree.Values.Count(v => v.ParentId == province.UnitId && v.Sector == UnitSector.District));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SeedAsync_2025Q3_Shows41CommunesDirectlyUnderTheProvinceAndNoDistricts(DatabaseProvider provider)
    {
        var tree = (await databases.GetAsync(provider)).Rows.TreeOn(End2025Q3);
        var province = Assert.Single(tree.Values, v => v.Kind == UnitKind.Province);
        var communes = tree.Values.Where(v => v.Kind == UnitKind.GrassrootsCommittee && v.Sector.IsCommuneLevel()).ToList();

        Assert.DoesNotContain(tree.Values, v => v.Sector == UnitSector.District);
        Assert.Equal(41, communes.Count);
        Assert.Equal(35, communes.Count(v => v.Sector == UnitSector.Commune));
        Assert.Equal(6, communes.Count(v => v.Sector == UnitSector.Ward));
        Assert.All(communes, v => Assert.Equal(province.UnitId, v.ParentId));
        Assert.Equal(4, tree.Values.Count(v => v.Kind == UnitKind.UpperCommittee));
        Assert.All(tree.Values.Where(v => v.Kind != UnitKind.Province), v => Assert.NotEmpty(SeededRows.Ancestors(tree, v)));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SeedAsync_Every2024Commune_HasALineagePathToA2025Q3Unit(DatabaseProvider provider)
    {
        var rows = (await databases.GetAsync(provider)).Rows;
        var communes2024 = rows.TreeOn(End2024).Values.Where(v => v.Kind == UnitKind.GrassrootsCommittee && v.Sector.IsCommuneLevel()).ToList();
        var validLater = rows.TreeOn(End2025Q3);
        var successors = rows.Lineage.Where(e => e.SuccessorId is not null && e.SuccessorId != e.PredecessorId)
            .ToLookup(e => e.PredecessorId, e => e.SuccessorId!.Value);

        Assert.Equal(106, communes2024.Count);
        Assert.All(communes2024, commune =>
        {
            var current = commune.UnitId;
            for (var step = 0; step < 5 && !validLater.ContainsKey(current); step++)
            {
                current = Assert.Single(successors[current]);
            }

            Assert.True(validLater.ContainsKey(current), $"{commune.Name} has no successor in 2025-Q3");
        });
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SeedAsync_EndedUnits_HaveTheirEventsAndClosedVersions(DatabaseProvider provider)
    {
        var rows = (await databases.GetAsync(provider)).Rows;
        var ended = rows.Units.Where(u => u.ValidTo is not null).ToList();

        Assert.Equal(2 + 104 + 9, ended.Count);
        Assert.Equal(9, rows.Lineage.Count(e => e.Kind == LineageKind.Dissolve && e.Note!.Contains("294-QĐ/TW", StringComparison.Ordinal)));
        Assert.All(ended, u =>
        {
            Assert.Contains(rows.Lineage, e => e.PredecessorId == u.Id && e.EffectiveDate == u.ValidTo);
            Assert.All(rows.Versions.Where(v => v.UnitId == u.Id), v => Assert.True(v.ValidFrom < u.ValidTo && v.ValidTo <= u.ValidTo));
            Assert.Equal(u.ValidTo, rows.Versions.Where(v => v.UnitId == u.Id).Max(v => v.ValidTo));
        });
        Assert.All(rows.Versions.GroupBy(v => v.UnitId), g =>
        {
            var ordered = g.OrderBy(v => v.ValidFrom).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.Equal(ordered[i - 1].ValidTo, ordered[i].ValidFrom);
            }
        });
    }
}
