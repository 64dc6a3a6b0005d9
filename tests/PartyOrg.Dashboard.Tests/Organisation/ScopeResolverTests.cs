using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.DemoData;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.DemoData;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Organisation;

/// <summary>
/// A DistrictEditor's scope resolved per quarter over the demo province (ADR-005): Tiểu Cần (TC) ended on
/// 01/07/2025, its 11 communes merged into the commune committees XA11–XA14, its district-level agencies moved
/// to the provincial bloc.
/// </summary>
public sealed class ScopeResolverTests(SeededDemoDatabases databases)
{
    private static readonly Quarter Q2of2025 = new(2025, 2);
    private static readonly Quarter Q4of2025 = new(2025, 4);
    private static readonly DateOnly TieuCanLastDay = new(2025, 6, 30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task TieuCan_BeforeTheDistrictsEnded_IsItself(DatabaseProvider provider)
    {
        var (resolver, _) = await ResolverAsync(provider);

        var scope = await resolver.ResolveAsync(Editor("TC"), Q2of2025, Ct);

        Assert.Equal(ScopeResolution.Itself, scope.Resolution);
        Assert.Equal("TC", Assert.Single(scope.Roots).Code);
        Assert.Equal("Đảng bộ huyện Tiểu Cần", scope.SingleRoot?.Name);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task TieuCan_After2025Q3_IsTheCommuneCommitteesThatTookOverItsCommunes_AndItsMovedAgencies(DatabaseProvider provider)
    {
        var (resolver, trees) = await ResolverAsync(provider);
        var lastDay = await LastDayTreeAsync(provider);
        var tieuCan = lastDay.Find("TC")!;
        var formerSubtree = lastDay.Subtree(tieuCan.Id).Select(n => n.Code).ToHashSet(StringComparer.Ordinal);

        var scope = await resolver.ResolveAsync(Editor("TC"), Q4of2025, Ct);

        Assert.Equal(ScopeResolution.Successors, scope.Resolution);
        Assert.Equal(["XA11", "XA12", "XA13", "XA14"], scope.Roots.Where(r => r.Sector.IsCommuneLevel()).Select(r => r.Code));
        Assert.Equal(["Tiểu Cần", "Tân Hòa", "Hùng Hòa", "Tập Ngãi"], scope.Roots.Where(r => r.Sector.IsCommuneLevel()).Select(r => r.ShortName));

        // Every other root is one of Tiểu Cần's own units that still exists, moved under the bloc.
        var others = scope.Roots.Where(r => !r.Sector.IsCommuneLevel()).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, r => Assert.Contains(r.Code, formerSubtree));
        Assert.All(others, r => Assert.Equal(TraVinhCatalogue.BlocCode, r.ParentCode));
        Assert.Contains(others, r => r.ShortName == "Kho bạc Nhà nước Tiểu Cần");

        // Every unit of Tiểu Cần on its last day that still exists is seen; nothing that was another district's is.
        var tree = await trees.GetTreeAsync(Q4of2025, Ct);
        var survivors = formerSubtree.Select(tree.Find).OfType<OrgNode>().ToList();
        Assert.True(survivors.Count > 50, $"only {survivors.Count} units of Tiểu Cần still exist in 2025-Q4");
        Assert.All(survivors, n => Assert.True(scope.CanSee(n), $"{n.Code} ({n.Name}) came out of Tiểu Cần but is not in scope"));
        var otherDistricts = lastDay.All.Where(n => n.Sector == UnitSector.District && n.Code != "TC")
            .SelectMany(d => lastDay.Subtree(d.Id)).Select(n => tree.Find(n.Code)).OfType<OrgNode>().ToList();
        Assert.NotEmpty(otherDistricts);
        Assert.All(otherDistricts, n => Assert.False(scope.CanSee(n), $"{n.Code} ({n.Name}) was another district's"));
        Assert.False(scope.CanSee(tree.Find("XA15")!));
        Assert.False(scope.CanSee(tree.Find(TraVinhCatalogue.BlocCode)!));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ASuccessorThatAlsoAbsorbedAnotherDistrictsUnits_IsInScope(DatabaseProvider provider)
    {
        var (resolver, _) = await ResolverAsync(provider);

        // Phường Nguyệt Hóa (PH03) took over Châu Thành's xã Nguyệt Hóa and two wards of TP Trà Vinh.
        var chauThanh = await resolver.ResolveAsync(Editor("CT"), Q4of2025, Ct);
        var traVinh = await resolver.ResolveAsync(Editor("TPTV"), Q4of2025, Ct);

        Assert.Contains(chauThanh.Roots, r => r.Code == "PH03");
        Assert.Contains(traVinh.Roots, r => r.Code == "PH03");
        Assert.DoesNotContain(chauThanh.Roots, r => r.Code is "PH01" or "XA11");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task AWardMergedTwice_IsFollowedToTheUnitOfTheDate(DatabaseProvider provider)
    {
        var (resolver, _) = await ResolverAsync(provider);

        // TP Trà Vinh's Phường 2 went into Phường 1 on 01/01/2025, which went into phường Trà Vinh (PH01) on 01/07/2025.
        var q1 = await resolver.ResolveAsync(Editor("TPTV02"), new Quarter(2025, 1), Ct);
        var q4 = await resolver.ResolveAsync(Editor("TPTV02"), Q4of2025, Ct);

        Assert.Equal("TPTV01", Assert.Single(q1.Roots).Code);
        Assert.Equal("PH01", Assert.Single(q4.Roots).Code);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ACommuneCommittee_BeforeItBegan_IsItsPredecessors(DatabaseProvider provider)
    {
        var (resolver, _) = await ResolverAsync(provider);

        var scope = await resolver.ResolveAsync(Editor("XA11"), new Quarter(2024, 4), Ct);

        Assert.Equal(ScopeResolution.Predecessors, scope.Resolution);
        Assert.Equal(["Hiếu Tử", "Phú Cần", "TT Tiểu Cần"], scope.Roots.Select(r => r.ShortName).Order(StringComparer.Ordinal));
        Assert.All(scope.Roots, r => Assert.Equal("TC", r.ParentCode));
        Assert.Equal(new DateOnly(2025, 7, 1), scope.Assigned?.ValidFrom);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task AUnitWithoutHistory_IsItselfInEveryQuarter(DatabaseProvider provider)
    {
        var (resolver, _) = await ResolverAsync(provider);

        var district = await resolver.ResolveAsync(Editor("CL"), new Quarter(2024, 4), Ct);
        var bloc2021 = await resolver.ResolveAsync(Editor(TraVinhCatalogue.BlocCode), new Quarter(2021, 1), Ct);
        var bloc2025 = await resolver.ResolveAsync(Editor(TraVinhCatalogue.BlocCode), Q4of2025, Ct);

        Assert.Equal("CL", Assert.Single(district.Roots).Code);
        Assert.Equal(ScopeResolution.Itself, bloc2021.Resolution);
        Assert.Equal(TraVinhCatalogue.BlocCode, Assert.Single(bloc2021.Roots).Code);
        Assert.Equal(TraVinhCatalogue.BlocCode, Assert.Single(bloc2025.Roots).Code);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task AnUnknownCode_SeesNothing_AndTheProvinceSeesTheProvince(DatabaseProvider provider)
    {
        var (resolver, _) = await ResolverAsync(provider);

        var unknown = await resolver.ResolveAsync(Editor("NOPE"), Q4of2025, Ct);
        var province = await resolver.ResolveAsync(UserScope.Province, Q4of2025, Ct);

        Assert.Empty(unknown.Roots);
        Assert.Empty(unknown.Units);
        Assert.Equal("TV", Assert.Single(province.Roots).Code);
        Assert.True(province.WholeProvince);
    }

    private static UserScope Editor(string code) => new(false, code);

    private async Task<(ScopeResolver Resolver, OrgTreeService Trees)> ResolverAsync(DatabaseProvider provider)
    {
        var seeded = await databases.GetAsync(provider);
        var trees = new OrgTreeService(seeded.Database.Contexts);
        return (new ScopeResolver(trees), trees);
    }

    private async Task<OrgTree> LastDayTreeAsync(DatabaseProvider provider)
    {
        var seeded = await databases.GetAsync(provider);
        await using var db = seeded.Database.CreateContext();
        return await OrgTreeService.ReadTreeOnAsync(db, TieuCanLastDay, Ct);
    }
}
