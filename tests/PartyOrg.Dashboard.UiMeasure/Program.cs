using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Playwright;

// Measures the dashboard as a user meets it, against an app that is already running on the demo data:
//   1. server-side render: the prerendered HTML of each page, fetched with a signed-in cookie (median of N);
//   2. drill-down: in Chromium, from a click on a district's bar of the overview to the new unit page with its
//      children's bars drawn (median over the districts, several rounds), timed inside the page;
//   3. memory per idle circuit: the app's resident memory before and after K signed-in tabs on the overview.
// Usage: UiMeasure --url http://127.0.0.1:5000 --pid <app process id> [--requests 30] [--rounds 2] [--circuits 20]
var options = Options.Parse(args);
var inv = CultureInfo.InvariantCulture;
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = Environment.GetEnvironmentVariable("PARTYORG_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

// Sign in once through the real form; every later context and request reuses the cookie.
var contextOptions = new BrowserNewContextOptions
{
    BaseURL = options.Url,
    TimezoneId = "Asia/Ho_Chi_Minh",
    ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
};
string storage;
string cookieHeader;
await using (var signIn = await browser.NewContextAsync(contextOptions))
{
    var page = await signIn.NewPageAsync();
    await page.GotoAsync("account/login?ReturnUrl=%2F");
    await page.Locator("#email").FillAsync("thuongvu@demo.travinh.vn");
    await page.Locator("#password").FillAsync("TraVinh@2026");
    await page.GetByTestId("login-submit").ClickAsync();
    await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
    storage = await signIn.StorageStateAsync();
    cookieHeader = string.Join("; ", (await signIn.CookiesAsync()).Select(k => $"{k.Name}={k.Value}"));
}

Console.WriteLine($"app {options.Url} (pid {options.Pid}), {Environment.ProcessorCount} cores, .NET {Environment.Version}");

// --- 1. server-side render ------------------------------------------------------------------------
Console.WriteLine();
Console.WriteLine($"server-side render, prerendered HTML with a signed-in cookie, {options.Requests} requests after 5 warm-ups (ms):");
Console.WriteLine("page | median | p90 | min | max | bytes");
using (var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(options.Url) })
{
    string[] pages = ["/?quarter=2024-Q4", "/units/TC?quarter=2024-Q4", "/attendance?quarter=2024-Q4", "/surveys?quarter=2024-Q4", "/practices?quarter=2024-Q4", "/units?quarter=2024-Q4"];
    foreach (var path in pages)
    {
        var times = new List<double>();
        var bytes = 0;
        for (var i = 0; i < 5 + options.Requests; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookieHeader);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains("blazor.web", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: not a rendered page (signed out?)");
            }

            bytes = body.Length;
            if (i >= 5)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine(string.Create(inv, $"{path} | {Stats.Median(times):F1} | {Stats.Percentile(times, 0.9):F1} | {times.Min():F1} | {times.Max():F1} | {bytes:N0}"));
    }
}

// The same overview for quarters not asked before: nothing of them is cached yet (a first visit after new data).
{
    var times = new List<double>();
    using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(options.Url) };
    for (var quarter = new DateOnly(2021, 1, 1); quarter < new DateOnly(2025, 7, 1); quarter = quarter.AddMonths(3))
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/?quarter={quarter.Year}-Q{(quarter.Month + 2) / 3}");
        request.Headers.Add("Cookie", cookieHeader);
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        _ = await response.Content.ReadAsStringAsync();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    Console.WriteLine(string.Create(inv, $"/?quarter=2021-Q1 … 2025-Q2, each the first request of its quarter | {Stats.Median(times):F1} | {Stats.Percentile(times, 0.9):F1} | {times.Min():F1} | {times.Max():F1} |"));
}

// --- 2. drill-down in Chromium --------------------------------------------------------------------
Console.WriteLine();
Console.WriteLine($"drill-down in Chromium: click a district's bar on the overview (2024-Q4) → its page with its children's bars drawn, {options.Rounds} rounds over the districts (ms):");
await using (var context = await browser.NewContextAsync(WithStorage(contextOptions, storage)))
{
    var page = await context.NewPageAsync();
    const string Bars = "[data-testid='children-chart'] path.apexcharts-bar-area";
    var times = new List<double>();
    var names = new List<string>();
    for (var round = 0; round < options.Rounds; round++)
    {
        for (var index = 0; ; index++)
        {
            await page.GotoAsync("/?quarter=2024-Q4");
            try
            {
                await page.Locator(Bars).First.WaitForAsync(new() { Timeout = 60_000 });
            }
            catch (TimeoutException)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "ui-measure-failure.png"), FullPage = true });
                throw new InvalidOperationException($"the overview drew no bars at {page.Url}; screenshot in {Path.GetTempPath()}ui-measure-failure.png");
            }

            var count = await page.Locator(Bars).CountAsync();
            if (index >= count)
            {
                break;
            }

            // Idle first: the overview's own charts are drawn and the circuit is quiet.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var t0 = await page.EvaluateAsync<double>("() => performance.now()");
            await page.Locator($"{Bars}[j='{index}']").ClickAsync();
            // Polled on every animation frame in the page: the URL is the unit's, its heading is there and the
            // last bar of its children's chart has a size on screen.
            var done = await page.WaitForFunctionAsync(
                """
                (bars) => {
                    if (!location.pathname.startsWith('/units/')) return false;
                    const all = document.querySelectorAll(bars);
                    const last = all[all.length - 1];
                    if (!last || !document.querySelector("[data-testid='unit-name']")) return false;
                    const box = last.getBoundingClientRect();
                    return box.width > 0 && box.height > 0 ? performance.now() : false;
                }
                """,
                Bars,
                new() { Timeout = 60_000 }); // no PollingInterval: evaluated on every animation frame
            var t1 = await done.JsonValueAsync<double>();
            times.Add(t1 - t0);
            names.Add((await page.GetByTestId("unit-name").TextContentAsync())?.Trim() ?? "?");
        }
    }

    Console.WriteLine(string.Create(inv, $"samples {times.Count} | median {Stats.Median(times):F0} | p90 {Stats.Percentile(times, 0.9):F0} | min {times.Min():F0} | max {times.Max():F0}"));
    Console.WriteLine("  " + string.Join(", ", names.Zip(times, (n, t) => string.Create(inv, $"{n} {t:F0}")).Take(names.Count / Math.Max(1, options.Rounds))));
}

// --- 3. memory per idle circuit -------------------------------------------------------------------
Console.WriteLine();
Console.WriteLine($"memory per idle circuit on the overview ({options.Circuits} tabs, each its own circuit):");
{
    var warm = await browser.NewContextAsync(WithStorage(contextOptions, storage));
    var warmPage = await warm.NewPageAsync();
    await warmPage.GotoAsync("/?quarter=2024-Q4");
    await warmPage.Locator("[data-testid='children-chart'] path.apexcharts-bar-area").First.WaitForAsync(new() { Timeout = 60_000 });
    await Task.Delay(TimeSpan.FromSeconds(5));
    var before = Memory.Read(options.Pid);
    var contexts = new List<IBrowserContext>();
    for (var i = 0; i < options.Circuits; i++)
    {
        var context = await browser.NewContextAsync(WithStorage(contextOptions, storage));
        contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/?quarter=2024-Q4");
        await page.Locator("[data-testid='children-chart'] path.apexcharts-bar-area").First.WaitForAsync(new() { Timeout = 60_000 });
    }

    // Idle: let the last renders settle before reading.
    await Task.Delay(TimeSpan.FromSeconds(10));
    var after = Memory.Read(options.Pid);
    Console.WriteLine(string.Create(inv, $"RSS before {before.RssKb / 1024.0:F1} MiB, after {after.RssKb / 1024.0:F1} MiB: {(after.RssKb - before.RssKb) / (double)options.Circuits:F0} KiB per circuit"));
    foreach (var context in contexts)
    {
        await context.DisposeAsync();
    }

    await warm.DisposeAsync();
}

static BrowserNewContextOptions WithStorage(BrowserNewContextOptions o, string storage) => new(o) { StorageState = storage };

internal static class Stats
{
    public static double Median(IReadOnlyList<double> values) => Percentile(values, 0.5);

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}

internal readonly record struct Memory(long RssKb)
{
    /// <summary>VmRSS of the app's process, from /proc (Linux).</summary>
    public static Memory Read(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return new Memory(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
    }
}

internal sealed record Options(string Url, int Pid, int Requests, int Rounds, int Circuits)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string? fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1]
                : fallback ?? throw new ArgumentException($"{name} is required (usage: --url URL --pid PID [--requests N] [--rounds N] [--circuits K])");
        }

        int Number(string name, string fallback) => int.Parse(Value(name, fallback), CultureInfo.InvariantCulture);

        var url = Value("--url", null);
        return new Options(url.EndsWith('/') ? url : url + "/", Number("--pid", null!), Number("--requests", "30"), Number("--rounds", "2"), Number("--circuits", "20"));
    }
}
