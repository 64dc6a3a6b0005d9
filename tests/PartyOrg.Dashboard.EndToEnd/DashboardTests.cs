using Microsoft.Playwright;
using PartyOrg.Dashboard.EndToEnd.Infrastructure;

namespace PartyOrg.Dashboard.EndToEnd;

/// <summary>
/// The published app with its demo data set, in a real browser. The demo accounts and the figures
/// (45,622 members at the end of 2024-Q4) are those of the seed article (DOMAIN.md, README).
/// </summary>
public sealed class DashboardTests(AppServer app, BrowserFixture browser) : EndToEndTest(app, browser)
{
    private const string StandingCommittee = "thuongvu@demo.travinh.vn";
    private const string DemoPassword = "TraVinh@2026";

    [Fact]
    public Task Standing_committee_member_signs_in_and_sees_the_province_and_its_members() => InPageAsync(async page =>
    {
        await SignInAsync(page, StandingCommittee, DemoPassword, "/?quarter=2024-Q4");

        await Assertions.Expect(page.GetByTestId("unit-name")).ToHaveTextAsync("Đảng bộ tỉnh Trà Vinh");
        await Assertions.Expect(page.GetByTestId("quarter")).ToContainTextAsync("Quý IV/2024");
        await Assertions.Expect(page.GetByTestId("kpi-members")).ToHaveTextAsync("45.622");
        await Assertions.Expect(page.GetByTestId("user-role")).ToHaveTextAsync("Ban Thường vụ Tỉnh ủy");

        // The prerendered HTML carries the Vietnamese text itself, not character references.
        var response = await page.Context.APIRequest.GetAsync("/?quarter=2024-Q4");
        var html = await response.TextAsync();
        Assert.Contains("Đảng bộ tỉnh Trà Vinh", html, StringComparison.Ordinal);
        Assert.Contains("45.622", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x110;", html, StringComparison.Ordinal);
    });

    [Fact]
    public Task Unauthenticated_visit_lands_on_the_sign_in_page() => InPageAsync(async page =>
    {
        await page.GotoAsync("/");

        await Assertions.Expect(page).ToHaveURLAsync(LoginPath());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Đăng nhập");
        await Assertions.Expect(page.Locator("label[for='email']")).ToHaveTextAsync("Thư điện tử");
    });

    [Fact]
    public Task Api_without_credentials_answers_401() => InPageAsync(async page =>
    {
        // Not followed: the API must answer 401 itself, not redirect to the sign-in form.
        var response = await page.Context.APIRequest.GetAsync("/api/v1/units", new() { MaxRedirects = 0 });

        // Chromium shows no page for an empty 401, so the screenshot records the exchange instead.
        await page.SetContentAsync($"<pre>GET /api/v1/units (no credentials) → {response.Status} {response.StatusText}</pre>");
        Assert.Equal(401, response.Status);
    });

    [Fact]
    public Task Switching_to_English_shows_English_labels_and_numbers() => InPageAsync(async page =>
    {
        await SignInAsync(page, StandingCommittee, DemoPassword, "/?quarter=2024-Q4");
        await Assertions.Expect(page.GetByTestId("kpi-members")).ToHaveTextAsync("45.622");

        await page.GetByTestId("culture-switch").ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByTestId("nav-home")).ToHaveTextAsync("Overview");
        await Assertions.Expect(page.GetByText("Party members", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("quarter")).ToHaveTextAsync("Figures at the end of Q4 2024");
        await Assertions.Expect(page.GetByTestId("kpi-members")).ToHaveTextAsync("45,622");
        await Assertions.Expect(page.GetByTestId("culture-switch")).ToHaveTextAsync("Tiếng Việt");
    });
}
