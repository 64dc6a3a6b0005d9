using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.DemoData;

/// <summary>The seed article's table, computed from the stored rows.</summary>
public sealed class DemoSeederStructureTests(SeededDemoDatabases databases)
{
    public static TheoryData<DatabaseProvider, int> ArticleQuarters()
    {
        var data = new TheoryData<DatabaseProvider, int>();
        foreach (var provider in new Providers())
        {
            foreach (var quarter in new[] { 20211, 20223, 20244 })
            {
                data.Add(provider.Data, quarter);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ArticleQuarters))]
    public async Task SeedAsync_ArticleQuarter_ReproducesTheArticlesTable(DatabaseProvider provider, int quarterKey)
    {
        var rows = (await databases.GetAsync(provider)).Rows;
        var quarter = Quarter.FromKey(quarterKey);
        var tree = rows.TreeOn(quarter.End);
        var province = Assert.Single(tree.Values, v => v.Kind == UnitKind.Province);
        Assert.All(tree.Values, v => Assert.Equal(province.UnitId, SeededRows.Ancestors(tree, v).LastOrDefault()?.UnitId ?? v.UnitId));

        var uppers = tree.Values.Where(v => v.Kind == UnitKind.UpperCommittee && v.ParentId == province.UnitId).ToList();
        Assert.Equal(13, uppers.Count);
        Assert.Equal(9, uppers.Count(v => v.Sector == UnitSector.District));
        Assert.Equal(197, tree.Values.Count(v => v.Kind == UnitKind.GrassrootsCommittee));
        Assert.Equal(306, tree.Values.Count(v => v.Kind == UnitKind.GrassrootsCell));
        Assert.Equal(503, tree.Values.Count(v => v.Kind.IsGrassroots()));
        Assert.Equal(1999, tree.Values.Count(v => v.Kind == UnitKind.Cell));
        Assert.All(tree.Values.Where(v => v.Kind.IsGrassroots()), v => Assert.Contains(SeededRows.Ancestors(tree, v), a => a.Kind == UnitKind.UpperCommittee));

        var communes = tree.Values.Where(v => v.Kind == UnitKind.GrassrootsCommittee && v.Sector.IsCommuneLevel()).ToList();
        Assert.Equal(106, communes.Count);
        Assert.Equal(85, communes.Count(v => v.Sector == UnitSector.Commune));
        Assert.Equal(11, communes.Count(v => v.Sector == UnitSector.Ward));
        Assert.Equal(10, communes.Count(v => v.Sector == UnitSector.Township));

        var snapshots = rows.Memberships.Where(m => m.QuarterKey == quarterKey).ToList();
        Assert.All(snapshots, s => Assert.True(tree.TryGetValue(s.UnitId, out var v) && v.Kind.HoldsMeetings()));
        Assert.Equal(45622, snapshots.Sum(s => s.Members));
        Assert.Equal(6034, snapshots.Sum(s => s.Exempt));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SeedAsync_Districts_HoldTheRealCommunesAndSomeSmallCells(DatabaseProvider provider)
    {
        var rows = (await databases.GetAsync(provider)).Rows;
        var tree = rows.TreeOn(new Quarter(2024, 4).End);
        var codes = rows.Units.ToDictionary(u => u.Id, u => u.Code);
        int CommunesOf(string code) => tree.Values.Count(v => v.Kind == UnitKind.GrassrootsCommittee && v.Sector.IsCommuneLevel() && codes[v.ParentId!.Value] == code);

        Assert.Equal(10, CommunesOf("TPTV"));
        Assert.Equal(17, CommunesOf("TCU"));
        Assert.Equal(7, CommunesOf("DHH"));
        var phuocHung = Assert.Single(tree.Values, v => v.Name == "Đảng bộ xã Phước Hưng");
        Assert.Contains(tree.Values, v => v.Name == "Chi bộ ấp Chợ Dưới" && v.ParentId == phuocHung.UnitId);
        Assert.InRange(rows.Memberships.Count(m => m.QuarterKey == 20244 && m.Members < 10), 3, 30);
        Assert.All(rows.Units, u => Assert.DoesNotContain(":", u.Code, StringComparison.Ordinal));
    }
}
