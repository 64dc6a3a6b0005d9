using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Components.Pages;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Dashboard.Analysis;
using PartyOrg.Dashboard.Features.Organisation;

namespace PartyOrg.Dashboard.Components.Tests.Dashboard;

/// <summary>
/// The overview of a DistrictEditor whose district ended (ADR-005), on a real database: <see cref="DashboardProvince"/>
/// plus, on 01/01/2025, Tiểu Cần dissolved with its two communes merged into xã Tiểu Cần (XA11) and xã Hiếu Tử
/// (XA12), and Cầu Kè dissolved with its commune merged into xã Phong Thạnh (XA13).
/// </summary>
public sealed class ScopeLandingTests : ComponentTest, IAsyncLifetime
{
    private static readonly DateOnly Reorganised = new(2025, 1, 1);
    private OrgDatabase _db = default!;

    public async ValueTask InitializeAsync()
    {
        _db = await DashboardProvince.CreateAsync(Services);
        await _db.AddUnitAsync("TC-HT", "Đảng bộ xã Hiếu Tử (cũ)", UnitKind.GrassrootsCommittee, UnitSector.Commune, "TC");
        await _db.AddUnitAsync("CK", "Đảng bộ huyện Cầu Kè", UnitKind.UpperCommittee, UnitSector.District, "TV");
        await _db.AddUnitAsync("CK-PT", "Đảng bộ xã Phong Thạnh (cũ)", UnitKind.GrassrootsCommittee, UnitSector.Commune, "CK");
        foreach (var code in new[] { "TC", "TC-TT", "TC-TT-K1", "TC-TT-K2", "TC-HT", "CK", "CK-PT" })
        {
            await _db.EndUnitAsync(code, Reorganised);
        }

        await _db.AddUnitAsync("XA11", "Đảng bộ xã Tiểu Cần", UnitKind.GrassrootsCommittee, UnitSector.Commune, "TV", Reorganised);
        await _db.AddUnitAsync("XA12", "Đảng bộ xã Hiếu Tử", UnitKind.GrassrootsCommittee, UnitSector.Commune, "TV", Reorganised);
        await _db.AddUnitAsync("XA13", "Đảng bộ xã Phong Thạnh", UnitKind.GrassrootsCommittee, UnitSector.Commune, "TV", Reorganised);
        await _db.AddLineageAsync(LineageKind.Merge, Reorganised, "TC-TT", "XA11");
        await _db.AddLineageAsync(LineageKind.Merge, Reorganised, "TC-HT", "XA12");
        await _db.AddLineageAsync(LineageKind.Merge, Reorganised, "CK-PT", "XA13");
        await _db.AddLineageAsync(LineageKind.Dissolve, Reorganised, "TC", null);
        await _db.AddLineageAsync(LineageKind.Dissolve, Reorganised, "CK", null);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task After_the_district_ended_the_overview_explains_why_and_links_each_successor()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.DistrictEditor, "Ban Tổ chức Huyện ủy Tiểu Cần", "TC");

        var home = await RenderHomeAsync("/?quarter=2025-Q1");

        Assert.Equal("Đảng bộ huyện Tiểu Cần kết thúc ngày 01/01/2025; các đơn vị kế thừa:", home.Find("[data-testid='scope-explanation']").TextContent.Trim());
        var links = home.FindAll("[data-testid='scope-units'] a");
        Assert.Equal(["Đảng bộ xã Tiểu Cần", "Đảng bộ xã Hiếu Tử"], links.Select(a => a.TextContent.Trim()));
        Assert.Equal(["/units/XA11?quarter=2025-Q1", "/units/XA12?quarter=2025-Q1"], links.Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain("Phong Thạnh", home.Markup, StringComparison.Ordinal);
        Assert.Empty(home.FindAll("[data-testid='kpi-members'], [data-testid='no-unit']"));
    }

    [Fact]
    public async Task The_explanation_is_in_English_when_the_interface_is()
    {
        using var culture = new CultureScope("en-US");
        SignIn(Roles.DistrictEditor, "Tiểu Cần", "TC");

        var home = await RenderHomeAsync("/?quarter=2025-Q1");

        Assert.Equal("Đảng bộ huyện Tiểu Cần ended on 1/1/2025; the units that continue it:", home.Find("[data-testid='scope-explanation']").TextContent.Trim());
        Assert.Equal(2, home.FindAll("[data-testid='scope-units'] a").Count);
    }

    [Fact]
    public async Task With_one_successor_the_overview_opens_it_as_before()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.DistrictEditor, "Thị trấn Tiểu Cần", "TC-TT");

        var home = await RenderHomeAsync("/?quarter=2025-Q1");

        Assert.Equal("Đảng bộ xã Tiểu Cần", home.Find("h1[data-testid='unit-name']").TextContent.Trim());
        Assert.Empty(home.FindAll("[data-testid='scope-landing']"));
    }

    [Fact]
    public async Task Before_the_district_ended_the_overview_is_the_district_itself()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.DistrictEditor, "Ban Tổ chức Huyện ủy Tiểu Cần", "TC");

        var home = await RenderHomeAsync("/?quarter=2024-Q4");

        Assert.Equal("Đảng bộ huyện Tiểu Cần", home.Find("h1[data-testid='unit-name']").TextContent.Trim());
        Assert.Empty(home.FindAll("[data-testid='scope-landing']"));
    }

    [Fact]
    public async Task The_attendance_page_without_a_unit_lists_the_successors_as_links_to_itself()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.DistrictEditor, "Ban Tổ chức Huyện ủy Tiểu Cần", "TC");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/attendance?quarter=2025-Q1");

        var page = Render<AttendancePage>();
        await page.WaitForStateAsync(() => page.FindAll("[data-testid='scope-landing'], [data-testid='no-unit']").Count > 0, TimeSpan.FromSeconds(10));

        Assert.Equal(
            ["http://localhost/attendance?quarter=2025-Q1&unit=XA11", "http://localhost/attendance?quarter=2025-Q1&unit=XA12"],
            page.FindAll("[data-testid='scope-units'] a").Select(a => a.GetAttribute("href")));
    }

    private async Task<IRenderedComponent<Home>> RenderHomeAsync(string uri)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        var home = Render<Home>();
        await home.WaitForStateAsync(() => home.FindAll("[data-testid='unit-name'], [data-testid='no-unit'], [data-testid='scope-landing']").Count > 0, TimeSpan.FromSeconds(10));
        return home;
    }
}
