using System.Globalization;
using System.Net;
using System.Text;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Tests.Imports;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Jobs;

/// <summary>
/// Several hosts in one process — the test run's app factories and in-process admin commands — each keep their
/// own job storage, job activator and logging: one host ending never breaks another. Hangfire keeps its logging and
/// its "current" storage and activator in process-wide statics; a host that set them and ended used to leave the next
/// host's first job client built on its disposed logger factory, so a large upload answered 500.
/// </summary>
public sealed class HostIsolationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> SmallBackgroundLimit = new() { ["Imports:BackgroundFileBytes"] = "1024" };

    private static async Task<(HttpClient Client, string Token, byte[] File)> PrepareLargeUploadAsync(AppFactory app)
    {
        var client = app.CreateClient();
        var token = await app.CreateUserWithTokenAsync("board@test", Roles.OrgBoard);
        var units = await client.SendAsync(ApiRequests.Upload("/api/v1/imports/units", token, "units.csv", Encoding.UTF8.GetBytes(ImportFiles.Province(2))), Ct);
        Assert.Equal(HttpStatusCode.OK, units.StatusCode);
        var path = Path.Combine(app.DataDirectory, "big-meetings.csv");
        ImportFiles.WriteMeetings(path, 40, 2);
        return (client, token, await File.ReadAllBytesAsync(path, Ct));
    }

    /// <summary>Starts a host beside the others and ends it, as an in-process admin command does.</summary>
    private static async Task RunAndEndAnotherHostAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "partyorg-tests", Guid.NewGuid().ToString("N"));
        try
        {
            // `recompute` without --inline enqueues through Hangfire: the command's host configures it, then ends.
            var (exit, _, err) = await AdminCli.RunAsync(string.Empty, "recompute", "--quarter", "2026-Q3", "--data-dir", directory);
            Assert.True(exit == 0, err);
        }
        finally
        {
            ConnectionPools.ReleaseSqliteIn(directory);
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Left to the temp cleaner.
            }
        }
    }

    [Fact]
    public async Task ALargeUpload_AfterAnotherHostInTheProcessEnded_IsAccepted()
    {
        await using var app = new AppFactory(settings: SmallBackgroundLimit);
        var (client, token, file) = await PrepareLargeUploadAsync(app);

        await RunAndEndAnotherHostAsync();
        using var response = await client.SendAsync(ApiRequests.Upload("/api/v1/imports/meetings", token, "big.csv", file), Ct);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
    }

    [Fact]
    public async Task ManyLargeUploads_AcrossHostsStartingAndEndingTogether_AreAllAccepted()
    {
        const int hosts = 6;
        var statuses = await Task.WhenAll(Enumerable.Range(0, hosts).Select(async i =>
        {
            await using var app = new AppFactory(settings: SmallBackgroundLimit);
            var (client, token, file) = await PrepareLargeUploadAsync(app);
            var codes = new List<HttpStatusCode>();
            for (var n = 0; n < 3; n++)
            {
                if (i % 2 == 0)
                {
                    await RunAndEndAnotherHostAsync();
                }

                using var response = await client.SendAsync(ApiRequests.Upload("/api/v1/imports/meetings", token, $"big-{n}.csv", file), Ct);
                codes.Add(response.StatusCode);
            }

            return codes;
        }));

        Assert.All(statuses.SelectMany(s => s), s => Assert.Equal(HttpStatusCode.Accepted, s));
    }

    [Fact]
    public async Task TwoHostsInOneProcess_KeepTheirOwnJobStorageActivatorAndClient()
    {
        await using var first = new AppFactory();
        await using var second = new AppFactory();
        _ = first.Server;
        _ = second.Server;

        Assert.NotSame(first.Services.GetRequiredService<JobStorage>(), second.Services.GetRequiredService<JobStorage>());
        Assert.NotSame(first.Services.GetRequiredService<JobActivator>(), second.Services.GetRequiredService<JobActivator>());
        var id = second.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => MarkerJob.Run(1));
        Assert.NotNull(second.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(id));
        Assert.Null(first.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(id));
    }

    [Fact]
    public async Task AJobClientMadeAfterAnotherHostEnded_Enqueues()
    {
        await using var app = new AppFactory();
        _ = app.Server;

        await RunAndEndAnotherHostAsync();
        var client = new BackgroundJobClient(app.Services.GetRequiredService<JobStorage>());
        var id = client.Enqueue(() => MarkerJob.Run(2));

        Assert.NotNull(app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(id));
    }
}

/// <summary>A job for the tests above: enqueued, never run.</summary>
public static class MarkerJob
{
    public static void Run(int n) => Assert.True(n > 0, string.Create(CultureInfo.InvariantCulture, $"{n}"));
}
