using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Components.Pages;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Overview;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Components.Tests.Pages;

/// <summary>
/// The home page against a real SQLite database holding a small province whose members add up to the
/// seed article's 45,622 (6,034 exempt) at the end of 2024-Q4, and only 100 at the end of 2024-Q3.
/// </summary>
public sealed class HomeTests : ComponentTest, IAsyncLifetime
{
    private static readonly Quarter Q4 = new(2024, 4);
    private static readonly Quarter Q3 = new(2024, 3);
    private OrgDatabase _db = default!;

    public async ValueTask InitializeAsync()
    {
        _db = await OrgDatabase.CreateAsync();
        await _db.AddUnitAsync("TV", "Đảng bộ tỉnh Trà Vinh", UnitKind.Province, UnitSector.None);
        await _db.AddUnitAsync("TC", "Đảng bộ huyện Tiểu Cần", UnitKind.UpperCommittee, UnitSector.District, "TV");
        await _db.AddUnitAsync("TC-TT", "Đảng bộ thị trấn Tiểu Cần", UnitKind.GrassrootsCommittee, UnitSector.Township, "TC");
        await _db.AddUnitAsync("TC-TT-K1", "Chi bộ khóm 1", UnitKind.Cell, UnitSector.Hamlet, "TC-TT");
        await _db.AddUnitAsync("TC-TT-K2", "Chi bộ khóm 2", UnitKind.Cell, UnitSector.Hamlet, "TC-TT");
        await _db.AddUnitAsync("KCQ-CB", "Chi bộ Sở Tư pháp", UnitKind.GrassrootsCell, UnitSector.Agency, "TV");
        await _db.AddRollAsync("TC-TT-K1", Q4, 30_000, 4_000);
        await _db.AddRollAsync("TC-TT-K2", Q4, 15_000, 2_000);
        await _db.AddRollAsync("KCQ-CB", Q4, 622, 34);
        await _db.AddRollAsync("TC-TT-K1", Q3, 100, 10);

        Services.AddSingleton(_db.Contexts);
        Services.AddOrganisation();
        Services.AddOverview();
        // "Today" is in 2025-Q1, so the default quarter is 2024-Q4.
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2025, 2, 10, 3, 0, 0, TimeSpan.Zero)));
        Services.AddSingleton<AppClock>();
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
        Assert.Equal("6.034", Kpi(home, "kpi-exempt"));
        Assert.Equal("39.588", Kpi(home, "kpi-eligible"));
        Assert.Contains("Đảng viên phải dự sinh hoạt", home.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_are_formatted_the_English_way_in_en_US()
    {
        using var culture = new CultureScope("en-US");
        SignIn(Roles.StandingCommittee);

        var home = await RenderHomeAsync("/?quarter=2024-Q4");

        Assert.Equal("45,622", Kpi(home, "kpi-members"));
        Assert.Equal("39,588", Kpi(home, "kpi-eligible"));
        Assert.Equal("Figures at the end of Q4 2024", home.Find("[data-testid='quarter']").TextContent.Trim());
        Assert.Contains("Party members", home.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_members_chart_splits_members_into_required_and_exempt()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var home = await RenderHomeAsync("/?quarter=2024-Q4");
        home.Find(".members-chart input[type='checkbox']").Change(true);

        Assert.Equal("Đảng viên phải dự sinh hoạt và miễn sinh hoạt, cuối Quý IV/2024", home.Find(".members-chart [role='img']").GetAttribute("aria-label"));
        var cells = home.FindAll(".members-chart tbody td").Select(td => td.TextContent).ToList();
        Assert.Equal(["39.588", "6.034"], cells);
    }

    [Fact]
    public async Task Structure_counts_come_from_the_tree_of_the_quarter()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.OrgBoard);

        var home = await RenderHomeAsync("/?quarter=2024-Q4");

        Assert.Equal("2", Kpi(home, "kpi-grassroots"));
        Assert.Equal("2", Kpi(home, "kpi-cells"));
        Assert.Equal("1", Kpi(home, "kpi-upper-committees"));
        Assert.Equal("1", Kpi(home, "kpi-commune-level"));
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
        Assert.Equal("0", Kpi(home, "kpi-upper-committees"));
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
