using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartyOrg.Dashboard.Features.Access;

namespace PartyOrg.Dashboard.Tests.Infrastructure;

/// <summary>
/// The real app (Program.cs, all middleware) on the test server, with a fresh data directory, a real
/// SQLite file and in-memory job storage. <paramref name="settings"/> adds or overrides configuration keys
/// ("Imports:BackgroundFileBytes"); <paramref name="services"/> replaces registrations (a fake <see cref="TimeProvider"/>).
/// The host's warnings and errors go to the output of the test that made it.
/// </summary>
public sealed class AppFactory(
    bool seedDemo = false,
    string? dataDirectory = null,
    IReadOnlyDictionary<string, string>? settings = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    private readonly TestOutputLoggerProvider _log = TestOutputLoggerProvider.ForCurrentTest();

    public string DataDirectory { get; } = dataDirectory ?? Path.Combine(Path.GetTempPath(), "partyorg-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("PartyOrg:DataDir", DataDirectory);
        builder.UseSetting("PartyOrg:SeedDemo", seedDemo ? "true" : "false");
        builder.UseSetting("Jobs:Storage", "InMemory");
        builder.UseSetting("Jobs:RunServer", "false");
        builder.ConfigureLogging(logging => logging.AddProvider(_log));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    /// <summary>A client that keeps cookies but does not follow redirects, so tests see them.</summary>
    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<string> CreateUserWithTokenAsync(string email, string role, string? scope = null)
    {
        await using var scopeServices = Services.CreateAsyncScope();
        var admin = scopeServices.ServiceProvider.GetRequiredService<UserAdministration>();
        await admin.AddUserAsync(email, role, scope, "Correct-Horse-42");
        return await admin.CreateTokenAsync(email, "tests");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        ConnectionPools.ReleaseSqliteIn(DataDirectory);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temp cleaner.
        }
    }
}
