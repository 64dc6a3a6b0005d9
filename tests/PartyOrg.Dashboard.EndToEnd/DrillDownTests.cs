using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartyOrg.Dashboard.EndToEnd.Infrastructure;

namespace PartyOrg.Dashboard.EndToEnd;

/// <summary>
/// Going down the tree of the demo province and back, in a real browser: as it stood in 2024-Q4
/// (province → district → grassroots organisation) and after the district level was abolished (2025-Q3:
/// province → commune committee).
/// </summary>
public sealed partial class DrillDownTests(AppServer app, BrowserFixture browser) : EndToEndTest(app, browser)
{
    private const string StandingCommittee = "thuongvu@demo.travinh.vn";
    private const string DemoPassword = "TraVinh@2026";

    [Fact]
    public Task Province_to_Tieu_Can_to_a_grassroots_organisation_and_back_by_breadcrumb() => InPageAsync(async page =>
    {
        await SignInAsync(page, StandingCommittee, DemoPassword, "/?quarter=2024-Q4");
        await Assertions.Expect(page.GetByTestId("kpi-members")).ToHaveTextAsync("45.622");
        var bars = page.Locator("[data-testid='children-chart'] path.apexcharts-bar-area");
        await Assertions.Expect(bars).ToHaveCountAsync(9);

        // The chart's table alternative lists the bars in order: find Tiểu Cần's bar and click it.
        await page.Locator("[data-testid='children-chart'] input[type='checkbox']").CheckAsync();
        // The table renders after a round trip to the server: wait for its rows before reading them.
        var rows = page.Locator("[data-testid='children-chart'] tbody th");
        await Assertions.Expect(rows).ToHaveCountAsync(9);
        var categories = await rows.AllTextContentsAsync();
        var index = categories.Select(c => c.Trim()).ToList().IndexOf("Tiểu Cần");
        Assert.True(index >= 0, string.Join(", ", categories));
        await page.Locator($"[data-testid='children-chart'] path.apexcharts-bar-area[j='{index}']").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(UnitUrl("TC", "2024-Q4"));
        await Assertions.Expect(page.GetByTestId("unit-name")).ToContainTextAsync("Tiểu Cần");

        var firstChild = page.GetByTestId("children-table").GetByTestId("child-link").First;
        var childName = (await firstChild.TextContentAsync())!.Trim();
        await firstChild.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(UnitPagePattern());
        await Assertions.Expect(page.GetByTestId("unit-name")).ToHaveTextAsync(childName);
        await Assertions.Expect(page.GetByTestId("breadcrumbs").Locator("li.mud-breadcrumb-item")).ToHaveCountAsync(3);
        await Screenshot(page, "grassroots-organisation");

        // A deep link reloads to the same view.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("unit-name")).ToHaveTextAsync(childName);

        // The browser's back button returns to Tiểu Cần.
        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(UnitUrl("TC", "2024-Q4"));
        await Assertions.Expect(page.GetByTestId("unit-name")).ToContainTextAsync("Tiểu Cần");

        await page.GetByTestId("breadcrumbs").GetByRole(AriaRole.Link, new() { Name = "Trà Vinh" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(UnitUrl("TV", "2024-Q4"));
        await Assertions.Expect(page.GetByTestId("unit-name")).ToHaveTextAsync("Đảng bộ tỉnh Trà Vinh");
        await Assertions.Expect(page.GetByTestId("kpi-members")).ToHaveTextAsync("45.622");
    });

    [Fact]
    public Task After_the_districts_were_abolished_commune_committees_sit_directly_under_the_province() => InPageAsync(async page =>
    {
        await SignInAsync(page, StandingCommittee, DemoPassword, "/?quarter=2025-Q3");
        await Assertions.Expect(page.GetByTestId("quarter")).ToContainTextAsync("Quý III/2025");
        await Assertions.Expect(page.Locator("[data-testid='children-chart'] path.apexcharts-bar-area")).ToHaveCountAsync(41);

        var commune = page.GetByTestId("children-table").GetByTestId("child-link").Filter(new() { HasTextRegex = CommunePattern() }).First;
        var name = (await commune.TextContentAsync())!.Trim();
        await commune.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(UnitPagePattern());
        await Assertions.Expect(page.GetByTestId("unit-name")).ToHaveTextAsync(name);
        // Province, then the commune: no district in between.
        await Assertions.Expect(page.GetByTestId("breadcrumbs").Locator("li.mud-breadcrumb-item")).ToHaveCountAsync(2);
    });

    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{nameof(DrillDownTests)}-{name}.png"), FullPage = true });
    }

    private static Regex UnitUrl(string code, string quarter) =>
        new($"/units/{Regex.Escape(code)}\\?quarter={Regex.Escape(quarter)}$");

    [GeneratedRegex(@"/units/[^/?]+\?quarter=")]
    private static partial Regex UnitPagePattern();

    [GeneratedRegex("^Đảng bộ (xã|phường|thị trấn) ")]
    private static partial Regex CommunePattern();
}
