using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Components.Layout;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Access;

namespace PartyOrg.Dashboard.Components.Tests.Layout;

public sealed class MainLayoutTests : ComponentTest
{
    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.OrgBoard, false)]
    [InlineData(Roles.StandingCommittee, false)]
    [InlineData(Roles.DistrictEditor, false)]
    public void Administration_group_and_jobs_link_are_shown_to_admins_only(string role, bool shown)
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(role);

        var layout = RenderLayout();

        Assert.Equal(shown, NavTexts(layout).Contains("Quản trị"));
        Assert.Equal(shown, layout.FindAll("a[data-testid='nav-hangfire'][href='/hangfire']").Count == 1);
    }

    [Fact]
    public void Menu_links_only_to_pages_that_exist()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.Admin);

        var layout = RenderLayout();

        var hrefs = layout.FindAll("nav a.mud-nav-link").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/", "/units", "/attendance", "/surveys", "/practices", "/briefings", "/imports", "/meetings", "/practices/catalogue", "/admin/audit", "/hangfire"], hrefs);
    }

    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.OrgBoard, true)]
    [InlineData(Roles.DistrictEditor, true)]
    [InlineData(Roles.StandingCommittee, false)]
    public void Data_import_is_offered_to_the_roles_that_enter_data(string role, bool shown)
    {
        using var culture = new CultureScope("vi-VN");
        ServeEveryMenuPage();
        SignIn(role);

        var layout = RenderLayout();

        Assert.Contains("Đơn vị", NavTexts(layout));
        Assert.Equal(shown, NavTexts(layout).Contains("Nhập dữ liệu"));
    }

    [Theory]
    [InlineData(Roles.Admin, true, true)]
    [InlineData(Roles.OrgBoard, true, true)]
    [InlineData(Roles.DistrictEditor, true, false)]
    [InlineData(Roles.StandingCommittee, false, false)]
    public void Meeting_entry_and_the_practices_catalogue_are_offered_to_those_who_may_edit(string role, bool meetings, bool catalogue)
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(role);

        var layout = RenderLayout();

        Assert.Equal(meetings, NavTexts(layout).Contains("Nhập sinh hoạt chi bộ"));
        Assert.Equal(catalogue, NavTexts(layout).Contains("Danh mục mô hình"));
        Assert.Equal(role == Roles.Admin, NavTexts(layout).Contains("Nhật ký thay đổi"));
    }

    [Fact]
    public void Every_menu_page_in_Vietnamese_in_menu_order_for_an_admin()
    {
        using var culture = new CultureScope("vi-VN");
        ServeEveryMenuPage();
        SignIn(Roles.Admin);

        var layout = RenderLayout();

        Assert.Equal(
            ["Tổng quan", "Đơn vị", "Sinh hoạt chi bộ", "Khảo sát", "Mô hình, cách làm", "Báo cáo quý", "Nhập dữ liệu", "Nhập sinh hoạt chi bộ", "Danh mục mô hình",
                "Người dùng và hệ thống", "Nhật ký thay đổi", "Tác vụ nền (Hangfire)"],
            layout.FindAll("nav a.mud-nav-link").Select(a => a.TextContent.Trim()).ToList());
    }

    [Fact]
    public void Labels_are_Vietnamese_by_default_with_a_link_to_English()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee, "Ủy viên Ban Thường vụ Tỉnh ủy");

        var layout = RenderLayout();

        Assert.Equal("Tổ chức cơ sở đảng — Trà Vinh", layout.Find("[data-testid='app-title']").TextContent.Trim());
        Assert.Equal("Tổng quan", layout.Find("[data-testid='nav-home']").TextContent.Trim());
        Assert.Equal("Đăng xuất", layout.Find("[data-testid='sign-out']").TextContent.Trim());
        var english = layout.Find("a[data-testid='culture-switch']");
        Assert.Equal("English", english.TextContent.Trim());
        Assert.Equal("en", english.GetAttribute("lang"));
        Assert.Equal("culture/set?culture=en-US&redirectUri=%2F", english.GetAttribute("href"));
    }

    [Fact]
    public void Labels_are_English_under_en_US_with_a_link_back_to_Vietnamese()
    {
        using var culture = new CultureScope("en-US");
        SignIn(Roles.StandingCommittee);

        var layout = RenderLayout();

        Assert.Equal("Grassroots Party organisations — Trà Vinh", layout.Find("[data-testid='app-title']").TextContent.Trim());
        Assert.Equal("Overview", layout.Find("[data-testid='nav-home']").TextContent.Trim());
        Assert.Equal("Sign out", layout.Find("[data-testid='sign-out']").TextContent.Trim());
        Assert.Equal("Provincial Standing Committee", layout.Find("[data-testid='user-role']").TextContent.Trim());
        var vietnamese = layout.Find("a[data-testid='culture-switch']");
        Assert.Equal("Tiếng Việt", vietnamese.TextContent.Trim());
        Assert.StartsWith("culture/set?culture=vi-VN&", vietnamese.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void Language_link_returns_to_the_same_page_and_query()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?quarter=2024-Q4");

        var layout = RenderLayout();

        Assert.Equal(
            "culture/set?culture=en-US&redirectUri=%2F%3Fquarter%3D2024-Q4",
            layout.Find("a[data-testid='culture-switch']").GetAttribute("href"));
    }

    [Fact]
    public void Signed_in_user_sees_their_name_role_and_a_sign_out_form()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.DistrictEditor, "Ban Tổ chức Huyện ủy Tiểu Cần", "TC");

        var layout = RenderLayout();

        Assert.Equal("Ban Tổ chức Huyện ủy Tiểu Cần", layout.Find("[data-testid='user-name']").TextContent.Trim());
        Assert.Equal("Cán bộ cấp huyện", layout.Find("[data-testid='user-role']").TextContent.Trim());
        var form = layout.Find("form.sign-out-form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("account/logout", form.GetAttribute("action"));
        Assert.Equal("submit", form.QuerySelector("[data-testid='sign-out']")?.GetAttribute("type"));
    }

    [Fact]
    public void Shell_has_landmarks_and_labelled_controls()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var layout = RenderLayout();

        Assert.Single(layout.FindAll("header"));
        Assert.Equal("Điều hướng chính", layout.Find("nav").GetAttribute("aria-label"));
        var main = layout.Find("main#main-content");
        Assert.Equal("Nội dung", main.QuerySelector("#body")?.TextContent);
        var menuButton = layout.Find("header button[aria-controls='app-drawer']");
        Assert.Equal("Mở hoặc đóng menu", menuButton.GetAttribute("aria-label"));
        Assert.Equal(DrawerOpen(layout) ? "true" : "false", menuButton.GetAttribute("aria-expanded"));
        Assert.EndsWith("#main-content", layout.Find("a.skip-link").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void Menu_button_toggles_the_drawer_and_says_so()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);
        var layout = RenderLayout();
        // The drawer's first state depends on the screen width MudBlazor reads; only the toggle is ours.
        var openBefore = DrawerOpen(layout);

        layout.Find("header button[aria-controls='app-drawer']").Click();

        Assert.Equal(!openBefore, DrawerOpen(layout));
        Assert.Equal(openBefore ? "false" : "true", layout.Find("header button[aria-controls='app-drawer']").GetAttribute("aria-expanded"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Demo_data_banner_is_on_every_page_when_the_database_holds_demo_data(bool demo)
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);
        Demo.Active = demo;

        var layout = RenderLayout();

        var banners = layout.FindAll("[data-testid='demo-banner']").Select(b => b.TextContent.Trim()).ToList();
        Assert.Equal(demo ? 1 : 0, banners.Count);
        Assert.All(banners, b => Assert.StartsWith("Dữ liệu mẫu.", b, StringComparison.Ordinal));
        Assert.Single(layout.FindAll("#body"));
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=\"body\">Nội dung</p>"))));

    /// <summary>Pretends every page of the menu exists, to test role filtering ahead of the pages.</summary>
    private void ServeEveryMenuPage() =>
        Services.AddSingleton(new PageCatalog(AppNavigation.Sections.SelectMany(s => s.Items).Select(i => i.Href)));

    private static bool DrawerOpen(IRenderedComponent<MainLayout> layout) =>
        layout.Find("#app-drawer").ClassList.Contains("mud-drawer--open");

    private static List<string> NavTexts(IRenderedComponent<MainLayout> layout) =>
        layout.FindAll("nav a.mud-nav-link, nav .mud-nav-group button, nav .mud-nav-group .mud-nav-link-text")
            .Select(e => e.TextContent.Trim())
            .ToList();
}
