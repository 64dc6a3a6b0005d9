using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PartyOrg.Dashboard.EndToEnd.Infrastructure;

namespace PartyOrg.Dashboard.EndToEnd;

/// <summary>
/// The imports page in a real browser, as an Admin of the demo province: a meetings file made from the
/// downloaded template is previewed, confirmed and written, and the cell's figures for 2026-Q3 change once
/// the recompute has run; a file with errors lists its problems and writes nothing.
/// </summary>
public sealed class ImportTests(AppServer app, BrowserFixture browser) : EndToEndTest(app, browser)
{
    private const string Admin = "admin@demo.travinh.vn";
    private const string DemoPassword = "TraVinh@2026";
    private const string Quarter = "2026-Q3";
    private const string MeetingCountMetric = "meetings.documents_ahead";

    /// <summary>
    /// Previews and imports run as Hangfire jobs (polled by the queue every second, by the page every 300 ms)
    /// on a shared machine, so their outcome may take longer than the 5 s of a plain page update.
    /// </summary>
    private static readonly LocatorAssertionsToContainTextOptions AfterJob = new() { Timeout = 90_000 };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public Task Admin_imports_a_template_made_meetings_file_and_the_cells_figures_change() => InPageAsync(async page =>
    {
        await SignInAsync(page, Admin, DemoPassword, "/imports");
        var cell = await CellWithMeetingsAsync(page);
        var before = await MetricAsync(page, cell.Code);
        Assert.False(before.Stale);
        Assert.NotNull(before.Metric.Denominator);

        // A thematic meeting on a day of the quarter on which the cell has no meeting yet.
        var taken = await MeetingDatesAsync(page, cell.Code);
        var date = Enumerable.Range(0, 92).Select(d => new DateOnly(2026, 9, 30).AddDays(-d)).First(d => !taken.Contains(d));

        await page.GotoAsync("/imports");
        var header = await TemplateHeaderAsync(page);
        var file = Csv(header, MeetingRow(cell.Code, date, expected: 20, present: 18));
        var batchesBefore = await page.GetByTestId("import-batches").Locator("tbody tr").CountAsync();

        await UploadAsync(page, "hop-chuyen-de.csv", file);

        await Assertions.Expect(page.GetByTestId("import-outcome")).ToContainTextAsync("Xem trước", AfterJob);
        await Assertions.Expect(page.GetByTestId("import-counts")).ToContainTextAsync("1 dòng · sẽ thêm 1 · sẽ thay đổi 0 · đã có 0 · lỗi 0");
        await Assertions.Expect(page.GetByTestId("import-problems")).ToHaveCountAsync(0);
        await Screenshot(page, "preview");

        await page.GetByTestId("import-confirm").ClickAsync();

        var progress = page.GetByTestId("import-progress");
        await Assertions.Expect(progress).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("import-outcome")).ToContainTextAsync("Đã nhập", AfterJob);
        await Assertions.Expect(progress).ToHaveAttributeAsync("role", "progressbar");
        await Assertions.Expect(progress).ToHaveAttributeAsync("aria-valuenow", "100");
        await Assertions.Expect(page.GetByTestId("import-phase")).ToHaveTextAsync("Đã ghi: 1/1 dòng");
        await Assertions.Expect(page.GetByTestId("import-counts")).ToContainTextAsync("1 dòng · thêm 1 · thay đổi 0 · đã có 0 · lỗi 0");
        await Assertions.Expect(page.GetByTestId("import-batches").Locator("tbody tr")).ToHaveCountAsync(batchesBefore + 1);
        await Assertions.Expect(page.GetByTestId("import-batches").Locator("tbody tr").First).ToContainTextAsync("hop-chuyen-de.csv");
        await Assertions.Expect(page.GetByTestId("import-batches")).ToContainTextAsync("Số dòng mỗi trang");
        await Screenshot(page, "result");
        Assert.Empty(await SeriousAccessibilityViolationsAsync(page));

        // The run has its own address: reloaded, the page still shows its report (without a confirm button),
        // and the written batch has a page of its own.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/imports/[0-9a-f]{32}$"));
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("import-counts")).ToContainTextAsync("1 dòng · thêm 1 · thay đổi 0 · đã có 0 · lỗi 0");
        await Assertions.Expect(page.GetByTestId("import-confirm")).ToHaveCountAsync(0);
        await page.GetByTestId("import-batch-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("batch-file")).ToHaveTextAsync("hop-chuyen-de.csv");
        await Assertions.Expect(page.GetByTestId("batch-counts")).ToHaveTextAsync("1 dòng · thêm 1 · thay đổi 0 · đã có 0");
        await Assertions.Expect(page.GetByTestId("batch-quarters")).ToContainTextAsync("Quý III/2026");
        await Screenshot(page, "batch");
        Assert.Empty(await SeriousAccessibilityViolationsAsync(page));

        // The recompute job runs after the write: the page asks the metrics API every 250 ms, and the test
        // waits (with a deadline) until the cell's figures are fresh again and count the new meeting.
        // waitForFunction needs a synchronous predicate (an async one passes at once: microsoft/playwright#29132).
        await page.EvaluateAsync(
            """
            url => {
                window.importedMetrics = null;
                window.importedPoll = setInterval(async () => {
                    const response = await fetch(url);
                    if (response.ok) window.importedMetrics = await response.json();
                }, 250);
            }
            """,
            MetricUrl(cell.Code));
        await page.WaitForFunctionAsync(
            """
            ([key, expected]) => {
                const body = window.importedMetrics;
                return body !== null && !body.stale && body.metrics[key].denominator === expected;
            }
            """,
            new object[] { MeetingCountMetric, before.Metric.Denominator!.Value + 1 },
            new() { Timeout = 90_000 });
        var after = await MetricAsync(page, cell.Code);
        Assert.Equal(before.Metric.Denominator + 1, after.Metric.Denominator);
        Assert.Equal(before.Metric.Numerator + 1, after.Metric.Numerator);

        // The cell's page for the quarter lists the meeting.
        await page.GotoAsync($"/units/{cell.Code}?quarter={Quarter}");
        await Assertions.Expect(page.GetByTestId("unit-name")).ToHaveTextAsync(cell.Name);
        await Assertions.Expect(page.GetByTestId("cell-meetings").Locator("tbody tr").Filter(new() { HasText = date.ToString("dd/MM/yyyy", Vi) }))
            .ToContainTextAsync("Chuyên đề");
        await Assertions.Expect(page.GetByTestId("stale")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task A_file_with_errors_lists_each_problem_and_writes_nothing() => InPageAsync(async page =>
    {
        await SignInAsync(page, Admin, DemoPassword, "/imports");
        var cell = await CellWithMeetingsAsync(page);
        var batchesBefore = await BatchCountAsync(page);

        await page.GotoAsync("/imports");
        var header = await TemplateHeaderAsync(page);
        var file = Csv(
            header,
            MeetingRow("KHONG-CO-MA-NAY", new DateOnly(2026, 9, 15), expected: 20, present: 18),
            MeetingRow(cell.Code, new DateOnly(2026, 9, 16), expected: 20, present: 25));

        await UploadAsync(page, "co-loi.csv", file);

        await Assertions.Expect(page.GetByTestId("import-outcome")).ToContainTextAsync("Tệp có lỗi ở 2 dòng: không ghi gì.", AfterJob);
        await Assertions.Expect(page.GetByTestId("import-confirm")).ToHaveCountAsync(0);
        var problems = page.GetByTestId("import-problems").Locator("tbody tr");
        await Assertions.Expect(problems.Filter(new() { HasText = "KHONG-CO-MA-NAY" })).ToHaveCountAsync(1);
        await AssertProblemAsync(problems.Filter(new() { HasText = "KHONG-CO-MA-NAY" }), "2", "unit_code", "KHONG-CO-MA-NAY");
        await AssertProblemAsync(problems.Filter(new() { HasText = "present" }).First, "3", "present", "25");
        await Screenshot(page, "problems");

        Assert.Equal(batchesBefore, await BatchCountAsync(page));
        Assert.DoesNotContain(await MeetingDatesAsync(page, cell.Code), d => d == new DateOnly(2026, 9, 16));
    });

    /// <summary>Picks the file once the page is interactive (the input is disabled while only prerendered).</summary>
    private static async Task UploadAsync(IPage page, string name, byte[] content)
    {
        var input = page.GetByTestId("import-file");
        await Assertions.Expect(input).ToBeEnabledAsync();
        await input.SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = content });
    }

    private static async Task AssertProblemAsync(ILocator row, string number, string column, string value)
    {
        var cells = row.Locator("td");
        await Assertions.Expect(cells.Nth(0)).ToHaveTextAsync(number);
        await Assertions.Expect(cells.Nth(1)).ToHaveTextAsync(column);
        await Assertions.Expect(cells.Nth(2)).ToHaveTextAsync(value);
        await Assertions.Expect(cells.Nth(3)).Not.ToBeEmptyAsync();
    }

    /// <summary>Downloads the meetings CSV template through its link and returns its header row.</summary>
    private static async Task<string[]> TemplateHeaderAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("template-csv").ClickAsync());
        Assert.Equal("meetings.csv", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
        var header = text.Trim('\uFEFF', '\r', '\n').Split(',');
        Assert.Contains("unit_code", header);
        return header;
    }

    private static Dictionary<string, string> MeetingRow(string unit, DateOnly date, int expected, int present) => new()
    {
        ["unit_code"] = unit,
        ["date"] = date.ToString("dd/MM/yyyy", Vi),
        ["kind"] = "thematic",
        ["mode"] = "in_person",
        ["duration_minutes"] = "120",
        ["documents_ahead"] = "yes",
        ["upper_level_attended"] = "no",
        ["expected"] = expected.ToString(Vi),
        ["present"] = present.ToString(Vi),
        ["absent_with_reason"] = Math.Max(0, expected - present).ToString(Vi),
        ["absent_without_reason"] = "0",
        ["exempt_attended"] = "0",
        ["speakers"] = "6",
        ["score"] = "85",
    };

    /// <summary>The template's columns in the template's order, one line per row (every column must be known here).</summary>
    private static byte[] Csv(string[] header, params Dictionary<string, string>[] rows)
    {
        var text = new StringBuilder().Append(string.Join(',', header)).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(',', header.Select(c => row[c]))).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string MetricUrl(string code) => $"/api/v1/units/{code}/metrics?quarter={Quarter}&keys={MeetingCountMetric}";

    /// <summary>A cell that has meetings in the quarter (so that its meeting figures exist before the import).</summary>
    private static async Task<UnitDto> CellWithMeetingsAsync(IPage page)
    {
        var units = await GetAsync<List<UnitDto>>(page, $"/api/v1/units?quarter={Quarter}");
        foreach (var unit in units.Where(u => u.Kind.Contains("Cell", StringComparison.Ordinal)).OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            if ((await MetricAsync(page, unit.Code)).Metric.Denominator > 0)
            {
                return unit;
            }
        }

        throw new InvalidOperationException($"no cell with meetings in {Quarter} among {units.Count} units");
    }

    private static async Task<(MetricDto Metric, bool Stale)> MetricAsync(IPage page, string code)
    {
        var metrics = await GetAsync<UnitMetricsDto>(page, MetricUrl(code));
        return (metrics.Metrics[MeetingCountMetric], metrics.Stale);
    }

    /// <summary>The dates of the cell's meetings in the quarter, read from its page.</summary>
    private static async Task<HashSet<DateOnly>> MeetingDatesAsync(IPage page, string code)
    {
        await page.GotoAsync($"/units/{code}?quarter={Quarter}");
        await Assertions.Expect(page.GetByTestId("cell-meetings")).ToBeVisibleAsync();
        var dates = await page.GetByTestId("cell-meetings").Locator("tbody tr td:first-child").AllTextContentsAsync();
        return dates.Select(d => DateOnly.ParseExact(d.Trim(), "dd/MM/yyyy", Vi)).ToHashSet();
    }

    private static async Task<int> BatchCountAsync(IPage page) =>
        (await GetAsync<List<JsonElement>>(page, "/api/v1/imports/batches")).Count;

    private static async Task<T> GetAsync<T>(IPage page, string url)
    {
        var response = await page.Context.APIRequest.GetAsync(url);
        Assert.True(response.Ok, $"GET {url} → {response.Status}: {await response.TextAsync()}");
        return JsonSerializer.Deserialize<T>(await response.TextAsync(), Json)!;
    }

    private static async Task<List<string>> SeriousAccessibilityViolationsAsync(IPage page) =>
        [.. (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")];

    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{nameof(ImportTests)}-{name}.png"), FullPage = true });
    }

    private sealed record UnitDto(string Code, string Name, string Kind);

    private sealed record MetricDto(double? Value, double? Numerator, double? Denominator, bool Suppressed);

    private sealed record UnitMetricsDto(bool Stale, Dictionary<string, MetricDto> Metrics);
}
