using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Dashboard;
using PartyOrg.Dashboard.Features.Dashboard.Components;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Components.Tests.Dashboard;

public sealed class UnitBreadcrumbsTests : ComponentTest
{
    private static readonly UnitRef[] Path =
    [
        new("TV", "Đảng bộ tỉnh Trà Vinh", "Trà Vinh", UnitKind.Province),
        new("TC", "Đảng bộ huyện Tiểu Cần", "Tiểu Cần", UnitKind.UpperCommittee),
        new("TC-TT", "Đảng bộ thị trấn Tiểu Cần", "TT Tiểu Cần", UnitKind.GrassrootsCommittee),
    ];

    [Fact]
    public void Every_unit_above_links_to_its_page_in_the_same_quarter_and_the_last_is_plain_text()
    {
        using var culture = new CultureScope("vi-VN");

        var crumbs = Render<UnitBreadcrumbs>(p => p.Add(c => c.Path, Path).Add(c => c.Quarter, new Quarter(2024, 4)).Add(c => c.Metric, "survey.index"));

        Assert.Equal(["Trà Vinh", "Tiểu Cần", "TT Tiểu Cần"], crumbs.FindAll("li.mud-breadcrumb-item").Select(li => li.TextContent.Trim()));
        Assert.Equal(
            ["/units/TV?quarter=2024-Q4&metric=survey.index", "/units/TC?quarter=2024-Q4&metric=survey.index"],
            crumbs.FindAll("li.mud-breadcrumb-item:not(.mud-disabled) a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Đường dẫn đơn vị", crumbs.Find("nav").GetAttribute("aria-label"));
    }
}
