using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Components.Pages;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Access;

namespace PartyOrg.Dashboard.Components.Tests.Pages;

/// <summary>The overview page against a real SQLite database and its computed aggregates (<see cref="DashboardProvince"/>).</summary>
public sealed class HomeTests : ComponentTest, IAsyncLifetime
{
    private OrgDatabase _db = default!;

    public async ValueTask InitializeAsync()
    {
        _db = await DashboardProvince.CreateAsync(Services);
        await DashboardProvince.ComputeAsync(Services);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Members_are_formatted_the_Vietnamese_way_in_vi_VN()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var home = await RenderHomeAsync("/?quarter=2024-Q4");

        Assert.Equal("Đảng bộ tỉnh Trà Vinh", home.Find("h1[data-testid='unit-name']").TextContent.Trim());
        Assert.Equal("Số liệu cuối Quý IV/2024", home.Find("[data-testid='quarter']").TextContent.Trim());
        Assert.Equal("45.622", Kpi(home, "kpi-members"));
        Assert.Equal("39.588", Kpi(home, "kpi-members-eligible"));
        Assert.Contains("+45.522", home.Find("[data-testid='kpi-members-vs-previous']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_are_formatted_the_English_way_in_en_US()
    {
        using var culture = new CultureScope("en-US");
        SignIn(Roles.StandingCommittee);

        var home = await RenderHomeAsync("/?quarter=2024-Q4");

        Assert.Equal("45,622", Kpi(home, "kpi-members"));
        Assert.Equal("39,588", Kpi(home, "kpi-members-eligible"));
        Assert.Equal("Figures at the end of Q4 2024", home.Find("[data-testid='quarter']").TextContent.Trim());
    }

    [Fact]
    public async Task Without_a_quarter_the_last_closed_quarter_is_shown()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var home = await RenderHomeAsync("/");

        Assert.Equal("Số liệu cuối Quý IV/2024", home.Find("[data-testid='quarter']").TextContent.Trim());
        Assert.Equal("45.622", Kpi(home, "kpi-members"));
    }

    [Fact]
    public async Task The_quarter_in_the_query_selects_the_figures()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var home = await RenderHomeAsync("/?quarter=2024-Q3");

        Assert.Equal("Số liệu cuối Quý III/2024", home.Find("[data-testid='quarter']").TextContent.Trim());
        Assert.Equal("100", Kpi(home, "kpi-members"));
    }

    [Fact]
    public async Task A_district_editor_sees_their_own_unit()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.DistrictEditor, "Ban Tổ chức Huyện ủy Tiểu Cần", "TC");

        var home = await RenderHomeAsync("/?quarter=2024-Q4");

        Assert.Equal("Đảng bộ huyện Tiểu Cần", home.Find("h1[data-testid='unit-name']").TextContent.Trim());
        Assert.Equal("45.000", Kpi(home, "kpi-members"));
        Assert.Equal(["Đảng bộ huyện Tiểu Cần"], home.FindAll("[data-testid='breadcrumbs'] li.mud-breadcrumb-item").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task A_malformed_quarter_is_named_and_the_default_shown()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var home = await RenderHomeAsync("/?quarter=2024-Q5");

        Assert.Contains("“2024-Q5” không phải là một quý", home.Find("[data-testid='bad-quarter']").TextContent, StringComparison.Ordinal);
        Assert.Equal("45.622", Kpi(home, "kpi-members"));
    }

    [Fact]
    public async Task A_quarter_before_the_tree_existed_says_so()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var home = await RenderHomeAsync("/?quarter=2019-Q4");

        Assert.Contains("Quý IV/2019", home.Find("[data-testid='no-unit']").TextContent, StringComparison.Ordinal);
        Assert.Empty(home.FindAll("[data-testid='kpi-members']"));
    }

    [Fact]
    public async Task Only_the_admin_and_the_organisation_board_may_recompute()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var home = await RenderHomeAsync("/?quarter=2024-Q4");

        Assert.Empty(home.FindAll("[data-testid='recompute']"));
        Assert.Contains("Số liệu tổng hợp tính lúc", home.Find("[data-testid='computed-at']").TextContent, StringComparison.Ordinal);
    }

    private async Task<IRenderedComponent<Home>> RenderHomeAsync(string uri)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        var home = Render<Home>();
        await home.WaitForStateAsync(() => home.FindAll("[data-testid='unit-name'], [data-testid='no-unit']").Count > 0, TimeSpan.FromSeconds(10));
        return home;
    }

    private static string Kpi(IRenderedComponent<Home> home, string testId) =>
        home.Find($"[data-testid='{testId}']").TextContent.Trim();
}
