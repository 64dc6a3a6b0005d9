using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(PartyOrg.Dashboard.EndToEnd.Infrastructure.AppServer))]
[assembly: AssemblyFixture(typeof(PartyOrg.Dashboard.EndToEnd.Infrastructure.BrowserFixture))]

namespace PartyOrg.Dashboard.EndToEnd.Infrastructure;

/// <summary>
/// A test in a fresh browser context (no cookies) against the shared app process. Every test leaves a
/// full-page screenshot in <c>TestResults/screenshots/</c> beside the test assembly (or under
/// <c>PARTYORG_SCREENSHOT_DIR</c>), and a failing test gets the app's output in its test output.
/// </summary>
public abstract partial class EndToEndTest(AppServer app, BrowserFixture browser)
{
    public const string ScreenshotDirVariable = "PARTYORG_SCREENSHOT_DIR";

    protected AppServer App { get; } = app;

    protected static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable(ScreenshotDirVariable) is { Length: > 0 } dir
            ? dir
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    protected async Task InPageAsync(Func<IPage, Task> test, [CallerMemberName] string name = "")
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl.ToString(),
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
        }
        catch
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"--- app output ---{Environment.NewLine}{App.Log}");
            throw;
        }
        finally
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });
        }
    }

    /// <summary>Signs in through the real form and waits until the app has sent the browser to <paramref name="returnUrl"/>.</summary>
    protected static async Task SignInAsync(IPage page, string email, string password, string returnUrl = "/")
    {
        await page.GotoAsync($"account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(LoginPath());
    }

    [GeneratedRegex("/account/login")]
    protected static partial Regex LoginPath();
}
