using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using PartyOrg.Dashboard.EndToEnd.Infrastructure;

namespace PartyOrg.Dashboard.EndToEnd;

/// <summary>
/// Stored XSS through the charts (issue 11): twelve of the province's committees carry script as their
/// name, imported through the real <c>units</c> import, and a standing-committee member hovers their bars
/// and heatmap cells on every chart page. No script runs (no dialog, the canary global stays unset, the
/// browser reports no CSP violation), no name becomes an element where ApexCharts writes HTML, the names
/// are shown as the characters they are (in the tooltip title of bars, in every chart's table), and every
/// page carries the Content-Security-Policy.
/// </summary>
public sealed class BrowserSecurityTests(HostileNamesAppServer app, BrowserFixture browser)
    : EndToEndTest(app, browser), IClassFixture<HostileNamesAppServer>
{
    private const string StandingCommittee = "thuongvu@demo.travinh.vn";
    private const string Admin = "admin@demo.travinh.vn";
    private const string DemoPassword = "TraVinh@2026";

    /// <summary>Every payload sets the canary <c>window.__xss</c> (or opens a dialog) if it ever runs.</summary>
    public static readonly IReadOnlyList<string> Payloads =
    [
        "<img src=x onerror=window.__xss=1>",
        "<script>window.__xss=1</script>",
        "\" onmouseover=\"window.__xss=1\" x=\"",
        "' onfocus='window.__xss=1' autofocus='",
        "<a href=\"javascript:window.__xss=1\">javascript:window.__xss=1</a>",
        "<svg onload=window.__xss=1>",
        "&lt;img src=x onerror=window.__xss=1&gt;",
        "</title><script>window.__xss=1</script>",
        "{{constructor.constructor('window.__xss=1')()}}",
        "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
        "<details open ontoggle=window.__xss=1>",
        "<img src=x onerror=alert(document.domain)>",
    ];

    /// <summary>What would hold an element if a name were parsed as HTML: ApexCharts' tooltip and legend texts.</summary>
    private const string HtmlSinks =
        ".apexcharts-tooltip-title *, .apexcharts-tooltip-text-y-label *, .apexcharts-tooltip-text-y-value *, " +
        ".apexcharts-legend-text *, .apexcharts-xaxistooltip-text *";

    private const string CollectViolations =
        "window.__cspViolations = [];" +
        "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`));";

    private static readonly LocatorAssertionsToHaveTextOptions Tooltip = new() { Timeout = 10_000 };

    [Theory]
    [InlineData("/?quarter=2026-Q3")]
    [InlineData("/units/TV?quarter=2026-Q3")]
    [InlineData("/attendance?quarter=2026-Q3")]
    [InlineData("/surveys?quarter=2026-Q3")]
    [InlineData("/practices?quarter=2026-Q3")]
    public Task Hostile_unit_names_on_a_chart_page_are_shown_as_text_and_run_nothing(string url) => InPageAsync(async page =>
    {
        var dialogs = WatchDialogs(page);
        await page.Context.AddInitScriptAsync(CollectViolations);
        await SignInAsync(page, StandingCommittee, DemoPassword, url);

        var response = await page.GotoAsync(url);
        await AssertProtectedAsync(response!);
        await Assertions.Expect(page.Locator(".apexcharts-canvas").First).ToBeVisibleAsync();

        // The table alternative lists each chart's categories in the chart's order, as text.
        var charts = page.Locator(".apex-chart");
        var categoriesByChart = new List<IReadOnlyList<string>>();
        for (var c = 0; c < await charts.CountAsync(); c++)
        {
            var chart = charts.Nth(c);
            await Assertions.Expect(chart.Locator(".apexcharts-canvas")).ToBeVisibleAsync();
            await chart.Locator(".apex-chart-toggle input").CheckAsync();
            await Assertions.Expect(chart.Locator("table")).ToBeVisibleAsync();
            categoriesByChart.Add([.. (await chart.Locator("table tbody th[scope='row']").AllTextContentsAsync()).Select(t => t.Trim())]);
        }

        var shown = categoriesByChart.SelectMany(c => c).Where(Payloads.Contains).ToHashSet(StringComparer.Ordinal);

        // Hovering on a fresh render: a table makes its chart's box taller, and ApexCharts redraws some charts
        // when their box is resized, which would reset a tooltip under the mouse.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".apexcharts-canvas").First).ToBeVisibleAsync();
        Assert.Equal(categoriesByChart.Count, await charts.CountAsync());
        var hovered = 0;
        for (var c = 0; c < categoriesByChart.Count; c++)
        {
            var chart = charts.Nth(c);
            await Assertions.Expect(chart.Locator(".apexcharts-canvas")).ToBeVisibleAsync();
            var heatmap = await chart.Locator("rect.apexcharts-heatmap-rect").CountAsync() > 0;
            foreach (var (category, index) in categoriesByChart[c].Select((text, i) => (text, i)).Where(x => Payloads.Contains(x.text)))
            {
                var point = chart.Locator($"path.apexcharts-bar-area[j='{index}'], rect.apexcharts-heatmap-rect[j='{index}']").First;
                if (await point.BoundingBoxAsync() is not { Width: >= 1, Height: >= 1 })
                {
                    continue; // no value, no bar to hover
                }

                await point.HoverAsync();
                if (heatmap)
                {
                    // A heatmap's tooltip names the row and the value; the column (the unit) is on the axis.
                    await Assertions.Expect(chart.Locator(".apexcharts-tooltip.apexcharts-active")).ToBeVisibleAsync();
                }
                else
                {
                    await Assertions.Expect(chart.Locator(".apexcharts-tooltip-title")).ToHaveTextAsync(category, Tooltip);
                }

                // Checked at each hover: the next hover rewrites the tooltip, which would hide what this one inserted.
                Assert.Equal(0, await page.Locator(HtmlSinks).CountAsync());
                hovered++;
            }
        }

        Assert.Equal(Payloads.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
        Assert.True(hovered >= Payloads.Count, $"only {hovered} bars or cells with a hostile name could be hovered");
        await AssertNothingRanAsync(page, dialogs);
    });

    [Fact]
    public Task A_unit_page_shows_its_hostile_name_as_text() => InPageAsync(async page =>
    {
        var dialogs = WatchDialogs(page);
        await page.Context.AddInitScriptAsync(CollectViolations);
        await SignInAsync(page, StandingCommittee, DemoPassword, "/units/XA01?quarter=2026-Q3");

        var response = await page.GotoAsync("/units/XA01?quarter=2026-Q3");
        await AssertProtectedAsync(response!);
        await Assertions.Expect(page.GetByTestId("unit-name")).ToHaveTextAsync(Payloads[0]);
        await Assertions.Expect(page.Locator(".apexcharts-canvas").First).ToBeVisibleAsync();
        var bar = page.Locator("path.apexcharts-bar-area").First;
        await bar.HoverAsync();
        await Assertions.Expect(page.Locator(".apexcharts-tooltip.apexcharts-active")).ToHaveCountAsync(1);

        Assert.Equal(0, await page.Locator(HtmlSinks).CountAsync());
        await AssertNothingRanAsync(page, dialogs);
    });

    [Fact]
    public Task The_Hangfire_dashboard_works_under_its_policy() => InPageAsync(async page =>
    {
        await page.Context.AddInitScriptAsync(CollectViolations);
        await SignInAsync(page, Admin, DemoPassword, "/hangfire");

        var response = await page.GotoAsync("/hangfire/recurring");
        Assert.Equal(200, response!.Status);
        Assert.NotNull(await response.HeaderValueAsync("content-security-policy"));
        await Assertions.Expect(page.GetByText("aggregates-nightly")).ToBeVisibleAsync();
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__cspViolations"));
    });

    private static List<string> WatchDialogs(IPage page)
    {
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add(dialog.Message);
            }

            _ = dialog.DismissAsync();
        };
        return dialogs;
    }

    private static async Task AssertProtectedAsync(IResponse response)
    {
        Assert.Equal(200, response.Status);
        var policy = await response.HeaderValueAsync("content-security-policy");
        Assert.NotNull(policy);
        Assert.Contains("script-src 'self' 'nonce-", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", await response.HeaderValueAsync("x-content-type-options"));
        Assert.Null(await response.HeaderValueAsync("server"));
    }

    private static async Task AssertNothingRanAsync(IPage page, List<string> dialogs)
    {
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__cspViolations"));
        lock (dialogs)
        {
            Assert.Empty(dialogs);
        }
    }
}

/// <summary>
/// The demo province in its own app, seeded with the admin commands before the start; then a <c>units</c>
/// file (the real import, as a DistrictEditor's or an analyst's would be) renames the first twelve commune
/// committees to <see cref="BrowserSecurityTests.Payloads"/> from 01/07/2026, and 2026-Q3 is recomputed,
/// so the app opens on fresh figures under the hostile names. Its own process, so that no other test sees them.
/// </summary>
public sealed class HostileNamesAppServer : AppServer
{
    protected override async Task BeforeStartAsync()
    {
        await RunCommandAsync("seed-demo");
        var file = Path.Combine(DataDirectory, "hostile-names.csv");
        await File.WriteAllTextAsync(file, UnitsFile(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await RunCommandAsync("import", "units", file);
        await RunCommandAsync("recompute", "--quarter", "2026-Q3", "--inline");
    }

    private static string UnitsFile()
    {
        static string Quoted(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var text = new StringBuilder("effective_date,action,code,name,short_name,kind,sector,parent_code,successor_code,note\r\n");
        for (var i = 0; i < BrowserSecurityTests.Payloads.Count; i++)
        {
            var payload = Quoted(BrowserSecurityTests.Payloads[i]);
            text.Append(CultureInfo.InvariantCulture, $"01/07/2026,rename,XA{i + 1:00},{payload},{payload},,,,,\r\n");
        }

        return text.ToString();
    }
}
