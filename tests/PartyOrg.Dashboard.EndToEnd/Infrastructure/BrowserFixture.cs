using Microsoft.Playwright;

namespace PartyOrg.Dashboard.EndToEnd.Infrastructure;

/// <summary>
/// One headless Chromium for the run: the system's (Debian package <c>chromium</c>), never a downloaded
/// build. <c>PARTYORG_CHROMIUM</c> names another executable.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "PARTYORG_CHROMIUM";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} does not exist: `apt-get install -y chromium`, or set {ChromiumVariable}.");
        }

        // Expectations wait as long as actions do (the contexts' 30 s): the first chart after the app's start
        // waits for its JIT and the library's download, which on a busy 2-core machine takes more than 5 s.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
