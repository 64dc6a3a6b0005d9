using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PartyOrg.Dashboard.EndToEnd.Infrastructure;

namespace PartyOrg.Dashboard.EndToEnd;

/// <summary>
/// A DistrictEditor's scope after their unit ended (ADR-005), in the published app with the demo data: Tiểu
/// Cần's editor opens 2025-Q4, after the district level ended on 01/07/2025, chooses among the units that continue
/// Tiểu Cần, drills into one, and is refused a unit that continues another former district.
/// </summary>
public sealed partial class ScopeTests(AppServer app, BrowserFixture browser) : EndToEndTest(app, browser)
{
    private const string DistrictEditor = "tieucan@demo.travinh.vn";
    private const string DemoPassword = "TraVinh@2026";

    [Fact]
    public Task Tieu_Cans_editor_after_the_district_level_ended_chooses_among_the_units_that_continue_it() => InPageAsync(async page =>
    {
        await SignInAsync(page, DistrictEditor, DemoPassword, "/?quarter=2025-Q4");

        await Assertions.Expect(page.GetByTestId("scope-explanation")).ToContainTextAsync("Tiểu Cần kết thúc ngày 01/07/2025", new() { Timeout = 30_000 });
        var links = page.GetByTestId("scope-units").Locator("a");
        await Assertions.Expect(links.First).ToHaveAttributeAsync("data-code", "XA11");
        var codes = new List<string>();
        for (var i = 0; i < await links.CountAsync(); i++)
        {
            codes.Add(await links.Nth(i).GetAttributeAsync("data-code") ?? string.Empty);
        }

        Assert.Equal(["XA11", "XA12", "XA13", "XA14"], codes.Take(4));
        Assert.DoesNotContain("XA15", codes);
        Assert.DoesNotContain("KCQ", codes);
        await ScreenshotAsync(page, "scope-landing");
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.Empty(serious);

        var name = (await links.First.InnerTextAsync()).Trim();
        await links.First.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(FirstSuccessorPage());
        await Assertions.Expect(page.GetByTestId("unit-name")).ToHaveTextAsync(name);

        await page.GotoAsync("/units/XA15?quarter=2025-Q4");
        await Assertions.Expect(page.GetByTestId("no-unit")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("unit-name")).ToHaveCountAsync(0);
    });

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });
    }

    [GeneratedRegex(@"/units/XA11\?quarter=2025-Q4$")]
    private static partial Regex FirstSuccessorPage();
}
