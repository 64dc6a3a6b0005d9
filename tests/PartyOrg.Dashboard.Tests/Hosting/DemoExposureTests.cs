using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Hosting;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Hosting;

/// <summary>A database with demo data (and so demo accounts with a published password) is served on loopback only, unless the operator says otherwise.</summary>
public sealed class DemoExposureTests
{
    [Theory]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://LOCALHOST:5000", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.0.0.5:5000", true)]
    [InlineData("https://[::1]:5001", true)]
    [InlineData("http://unix:/run/partyorg.sock", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://192.168.1.10:5000", false)]
    [InlineData("http://dashboard.travinh.vn", false)]
    [InlineData("not a url", false)]
    public void IsLoopback_OnlyForAddressesReachableFromThisMachineAlone(string url, bool loopback) =>
        Assert.Equal(loopback, DemoExposure.IsLoopback(url));

    [Fact]
    public void ConfiguredUrls_ReadUrlsPortsAndKestrelEndpoints()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://localhost:5000; http://0.0.0.0:5001",
            ["http_ports"] = "8080",
            ["Kestrel:Endpoints:Public:Url"] = "https://10.0.0.2:443",
        }).Build();

        Assert.Equal(["http://localhost:5000", "http://0.0.0.0:5001", "http://*:8080", "https://10.0.0.2:443"], DemoExposure.ConfiguredUrls(configuration));
    }

    [Fact]
    public void Refusal_NamesTheAddressAndTheWaysOut_OnlyForDemoDataOnANetworkAddressWithoutTheFlag()
    {
        string[] exposed = ["http://localhost:5000", "http://0.0.0.0:5000"];

        var refusal = DemoExposure.Refusal(exposed, demo: true, allowed: false);

        Assert.NotNull(refusal);
        Assert.DoesNotContain('\n', refusal);
        Assert.Contains("on http://0.0.0.0:5000:", refusal, StringComparison.Ordinal);
        Assert.Contains("--allow-demo-on-network", refusal, StringComparison.Ordinal);
        Assert.Contains("--no-demo", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoAccounts.Password, refusal, StringComparison.Ordinal);
        Assert.Null(DemoExposure.Refusal(exposed, demo: true, allowed: true));
        Assert.Null(DemoExposure.Refusal(exposed, demo: false, allowed: false));
        Assert.Null(DemoExposure.Refusal(["http://127.0.0.1:5000", "http://[::1]:5000"], demo: true, allowed: false));
    }

    [Theory]
    [InlineData("http://0.0.0.0:5000", false, true)]
    [InlineData("http://0.0.0.0:5000", true, false)]
    [InlineData("http://127.0.0.1:5000", false, false)]
    public async Task StartUp_WithADemoAccount_IsRefusedOnANetworkAddress_UnlessAllowed(string url, bool allow, bool refused)
    {
        var dataDirectory = await DemoDataDirectoryAsync();
        try
        {
            await using var app = Build(dataDirectory, ["--urls", url, .. allow ? ["--allow-demo-on-network"] : Array.Empty<string>()]);

            var prepare = app.PrepareAsync();

            if (refused)
            {
                var ex = await Assert.ThrowsAsync<StartupException>(() => prepare);
                Assert.Contains(url, ex.Message, StringComparison.Ordinal);
            }
            else
            {
                await prepare;
            }
        }
        finally
        {
            Delete(dataDirectory);
        }
    }

    [Fact]
    public async Task AFirstStartThatWouldSeedDemoData_OnANetworkAddress_IsRefusedBeforeSeedingAnything()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "partyorg-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = Build(dataDirectory, ["--urls", "http://0.0.0.0:5000", "--PartyOrg:SeedDemo=true"]);

            await Assert.ThrowsAsync<StartupException>(() => app.PrepareAsync());

            await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
            Assert.False(await db.Units.AnyAsync(TestContext.Current.CancellationToken), "the demo province was seeded before the refusal");
            Assert.False(await db.Users.AnyAsync(TestContext.Current.CancellationToken), "demo accounts were created before the refusal");
        }
        finally
        {
            Delete(dataDirectory);
        }
    }

    /// <summary>The built app itself, as an operator starts it: one line on stderr, exit code 1, never serving.</summary>
    [Fact]
    public async Task TheApp_WithDemoData_OnEveryInterface_ExitsWithOneLineSayingWhyAndHow()
    {
        var dataDirectory = await DemoDataDirectoryAsync();
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "PartyOrg.Dashboard.dll"), "--data-dir", dataDirectory, "--no-demo", "--urls", "http://0.0.0.0:0" })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment.Remove("ASPNETCORE_URLS");
            start.Environment["Jobs__Storage"] = "InMemory";
            using var process = Process.Start(start)!;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            deadline.CancelAfter(TimeSpan.FromMinutes(2));
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(1, process.ExitCode);
            var line = Assert.Single(lines, l => l.StartsWith("partyorg:", StringComparison.Ordinal));
            Assert.StartsWith("partyorg: refusing to serve demo data", line, StringComparison.Ordinal);
            Assert.Contains("--allow-demo-on-network", line, StringComparison.Ordinal);
            Assert.DoesNotContain("is ready at", await stdout, StringComparison.Ordinal);
        }
        finally
        {
            Delete(dataDirectory);
        }
    }

    /// <summary>A migrated data directory without the demo data set but with a demo account (as after a demo seed).</summary>
    private static async Task<string> DemoDataDirectoryAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "partyorg-tests", Guid.NewGuid().ToString("N"));
        await using var app = Build(dataDirectory, []);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StartupTasks>().PrepareAsync(TestContext.Current.CancellationToken);
        var (email, role, demoScope, name) = DemoAccounts.All[0];
        await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddUserAsync(email, role, demoScope, "Correct-Horse-42", name);
        return dataDirectory;
    }

    /// <summary>The app's services as Program.cs builds them (without the web UI), on <paramref name="dataDirectory"/>.</summary>
    private static WebApplication Build(string dataDirectory, string[] args)
    {
        var builder = WebApplication.CreateBuilder(AppArguments.ToConfiguration(
            ["--data-dir", dataDirectory, "--no-demo", "--Jobs:Storage=InMemory", "--Jobs:RunServer=false", .. args]));
        builder.UseDefaultUrl("http://localhost:5000");
        builder.Services.AddPartyOrgCore(builder.Configuration, jobServer: false);
        return builder.Build();
    }

    private static void Delete(string dataDirectory)
    {
        ConnectionPools.ReleaseSqliteIn(dataDirectory);
        Directory.Delete(dataDirectory, recursive: true);
    }
}
