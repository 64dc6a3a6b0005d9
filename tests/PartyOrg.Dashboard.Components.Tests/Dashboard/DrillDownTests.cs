using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Components.Charts;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Dashboard.Components;
using PartyOrg.Dashboard.Features.Organisation;

namespace PartyOrg.Dashboard.Components.Tests.Dashboard;

/// <summary>
/// Going down the tree from the charts and the table. charts.js is a strict fake module: the page must
/// render its charts through it, and a click on a bar comes back through <c>OnDataPointSelected</c>.
/// </summary>
public sealed class DrillDownTests : ComponentTest, IAsyncLifetime
{
    private readonly BunitJSModuleInterop _charts;
    private OrgDatabase _db = default!;

    public DrillDownTests()
    {
        _charts = JSInterop.SetupModule("./js/charts.js");
        _charts.Mode = JSRuntimeMode.Strict;
        _charts.SetupVoid("render", _ => true).SetVoidResult();
        _charts.SetupVoid("update", _ => true).SetVoidResult();
    }

    public async ValueTask InitializeAsync()
    {
        _db = await DashboardProvince.CreateAsync(Services);
        // A ward merged into the township on 01/10/2024: it stood at the end of 2024-Q3, not of 2024-Q4.
        await _db.AddUnitAsync("TC-P1", "Đảng bộ phường 1", UnitKind.GrassrootsCommittee, UnitSector.Ward, "TC");
        await _db.EndUnitAsync("TC-P1", new DateOnly(2024, 10, 1));
        await _db.AddLineageAsync(LineageKind.Merge, new DateOnly(2024, 10, 1), "TC-P1", "TC-TT");
        await DashboardProvince.ComputeAsync(Services);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Clicking_a_bar_of_the_children_chart_opens_that_child_in_the_same_quarter()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/?quarter=2024-Q4&metric=members.total");
        var view = await RenderViewAsync(null, "2024-Q4", "members.total");

        // The province's only territorial child is Tiểu Cần; the agency cell is compared in the table only.
        var chart = view.FindComponents<ApexChart>().First(c => c.Instance.Kind == ChartKind.Bar);
        Assert.Equal(["Đảng bộ huyện Tiểu Cần"], chart.Instance.Categories);
        await view.InvokeAsync(() => chart.Instance.HandleDataPointSelected(0, 0));

        Assert.Equal("http://localhost/units/TC?quarter=2024-Q4&metric=members.total", navigation.Uri);
        _charts.VerifyInvoke("render", 3);
    }

    [Fact]
    public async Task A_row_of_the_children_table_links_to_the_childs_page()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var view = await RenderViewAsync("TC", "2024-Q4", null);

        var link = view.Find("[data-testid='children-table'] a[data-testid='child-link']");
        Assert.Equal("/units/TC-TT?quarter=2024-Q4", link.GetAttribute("href"));
        Assert.Equal(["Đảng bộ tỉnh Trà Vinh", "Đảng bộ huyện Tiểu Cần"], view.FindAll("[data-testid='breadcrumbs'] li.mud-breadcrumb-item").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task A_cell_shows_its_meetings_and_its_survey_instead_of_children()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var view = await RenderViewAsync("KCQ-CB", "2024-Q4", null);

        Assert.Contains("Không có buổi sinh hoạt nào", view.Find("[data-testid='cell-meetings']").TextContent, StringComparison.Ordinal);
        Assert.Equal("Không có phiếu trả lời", view.Find("[data-testid='survey-q1'] td").TextContent.Trim());
        Assert.Empty(view.FindAll("[data-testid='children-table']"));
    }

    [Fact]
    public async Task A_unit_that_did_not_exist_in_the_quarter_says_so()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var view = await RenderViewAsync("XA-MOI", "2024-Q4", null);

        Assert.Equal("Đơn vị “XA-MOI” không tồn tại vào cuối Quý IV/2024.", view.Find("[data-testid='not-in-quarter']").TextContent.Trim());
    }

    [Fact]
    public async Task A_merged_unit_is_named_and_links_to_its_successor_in_a_quarter_when_that_existed()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var view = await RenderViewAsync("TC-P1", "2024-Q4", null);

        Assert.Equal("Đảng bộ phường 1", view.Find("h1[data-testid='unit-name']").TextContent.Trim());
        var link = view.Find("[data-testid='successors'] a");
        Assert.Equal("/units/TC-TT?quarter=2024-Q4", link.GetAttribute("href"));
        Assert.Equal("Đảng bộ thị trấn Tiểu Cần — sáp nhập ngày 01/10/2024", link.TextContent.Trim());
    }

    [Fact]
    public async Task Lineage_outside_the_users_scope_is_not_shown()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.DistrictEditor, "Chi bộ Sở Tư pháp", "KCQ-CB");

        var view = await RenderViewAsync("TC-P1", "2024-Q4", null);

        Assert.Equal("TC-P1", view.Find("h1[data-testid='unit-name']").TextContent.Trim());
        Assert.Empty(view.FindAll("[data-testid='successors']"));
    }

    private async Task<IRenderedComponent<UnitDashboardView>> RenderViewAsync(string? code, string quarter, string? metric)
    {
        var view = Render<UnitDashboardView>(p => p.Add(c => c.Code, code).Add(c => c.QuarterText, quarter).Add(c => c.MetricText, metric));
        await view.WaitForStateAsync(() => view.FindAll("[data-testid='unit-name'], [data-testid='no-unit']").Count > 0, TimeSpan.FromSeconds(10));
        return view;
    }
}
