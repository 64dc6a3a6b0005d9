using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PartyOrg.Dashboard.EndToEnd.Infrastructure;

namespace PartyOrg.Dashboard.EndToEnd;

/// <summary>
/// Every page of the dashboard on the demo data, drawn in full in a real browser: a full-page screenshot of
/// each (<c>TestResults/screenshots/Page-*.png</c>) and an axe scan with no serious or critical violation.
/// Then the practices heatmap's drill-down and the English version of an analysis page.
/// </summary>
public sealed partial class PagesTests(AppServer app, BrowserFixture browser) : EndToEndTest(app, browser)
{
    private const string StandingCommittee = "thuongvu@demo.travinh.vn";
    private const string DemoPassword = "TraVinh@2026";

    /// <summary>The page, and what shows that it is drawn: its charts' SVG or its table's rows.</summary>
    public static TheoryData<string, string, string> Pages => new()
    {
        { "overview", "/?quarter=2024-Q4", "[data-testid='children-chart'] path.apexcharts-bar-area" },
        { "unit", "/units/TC?quarter=2024-Q4", "[data-testid='children-chart'] path.apexcharts-bar-area" },
        { "attendance", "/attendance?quarter=2024-Q4", "[data-testid='attendance-children-chart'] path.apexcharts-bar-area" },
        { "surveys", "/surveys?quarter=2024-Q4", "[data-testid='survey-children-chart'] path.apexcharts-bar-area" },
        { "practices", "/practices?quarter=2024-Q4", "[data-testid='practices-heatmap'] .apexcharts-heatmap-rect" },
        { "units", "/units?quarter=2024-Q4", "[data-testid='units-table'] tbody tr" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Each_page_draws_and_has_no_serious_accessibility_violation(string name, string path, string drawn) => InPageAsync(async page =>
    {
        await SignInAsync(page, StandingCommittee, DemoPassword, path);
        // The first page after the app's start waits for its JIT: allow the context's timeout, not Expect's 5 s.
        await Assertions.Expect(page.Locator(drawn).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Every chart of the page is drawn (ApexCharts adds its canvas once rendered), not only the first.
        var charts = page.Locator(".apex-chart-canvas");
        for (var i = 0; i < await charts.CountAsync(); i++)
        {
            await Assertions.Expect(charts.Nth(i).Locator(".apexcharts-canvas")).ToBeVisibleAsync();
        }

        await Screenshot(page, $"Page-{name}");
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, Describe(serious));
    }, $"Page-{name}-axe");

    [Fact]
    public Task A_heatmap_cell_of_the_practices_page_opens_that_units_page_for_the_same_quarter() => InPageAsync(async page =>
    {
        await SignInAsync(page, StandingCommittee, DemoPassword, "/practices?quarter=2024-Q4");
        var heatmap = page.GetByTestId("practices-heatmap");
        await Assertions.Expect(heatmap.Locator(".apexcharts-heatmap-rect").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The table alternative lists the columns (the province's committees) in order: find Tiểu Cần's.
        await heatmap.Locator("input[type='checkbox']").CheckAsync();
        var columns = heatmap.Locator("tbody th");
        await Assertions.Expect(columns.First).ToBeVisibleAsync();
        var names = (await columns.AllTextContentsAsync()).Select(c => c.Trim()).ToList();
        var index = names.IndexOf("Tiểu Cần");
        Assert.True(index >= 0, string.Join(", ", names));

        await heatmap.Locator($".apexcharts-heatmap-rect[j='{index}']").First.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(TieuCanPage());
        await Assertions.Expect(page.GetByTestId("unit-name")).ToContainTextAsync("Tiểu Cần");
    });

    [Fact]
    public Task The_attendance_page_in_English_has_English_labels_and_numbers() => InPageAsync(async page =>
    {
        await SignInAsync(page, StandingCommittee, DemoPassword, "/attendance?quarter=2024-Q4");
        await Assertions.Expect(page.GetByTestId("page-title")).ToHaveTextAsync("Sinh hoạt chi bộ");
        await Assertions.Expect(page.GetByTestId("figure-attendance-rate")).ToHaveTextAsync(VietnamesePercent());

        await page.GetByTestId("culture-switch").ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByTestId("page-title")).ToHaveTextAsync("Cell meetings");
        await Assertions.Expect(page.GetByTestId("nav-attendance")).ToHaveTextAsync("Cell meetings");
        await Assertions.Expect(page.GetByTestId("figure-attendance-rate")).ToHaveTextAsync(EnglishPercent());
        await Assertions.Expect(page).ToHaveURLAsync(AttendanceQ4());
    });

    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) =>
        string.Join(Environment.NewLine, violations.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Target?.ToString() + " " + n.Html))}"));

    [GeneratedRegex(@"/units/TC\?quarter=2024-Q4$")]
    private static partial Regex TieuCanPage();

    [GeneratedRegex(@"/attendance\?quarter=2024-Q4$")]
    private static partial Regex AttendanceQ4();

    [GeneratedRegex(@"^\d{1,3},\d %$")]
    private static partial Regex VietnamesePercent();

    [GeneratedRegex(@"^\d{1,3}\.\d%$")]
    private static partial Regex EnglishPercent();
}
