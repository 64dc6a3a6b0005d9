using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Cli;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Imports;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Cli;

/// <summary>
/// A recompute killed with SIGKILL while it holds its quarter's lease: the next recompute of that quarter on the same
/// node runs at once (the holder's process is known to have ended), instead of waiting out the lease.
/// </summary>
public sealed class KilledRecomputeTests : IDisposable
{
    private static readonly Quarter Quarter = new(2021, 1);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "partyorg-tests", Guid.NewGuid().ToString("N"));

    public KilledRecomputeTests() => Directory.CreateDirectory(_dir);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Data => Path.Combine(_dir, "data");

    public void Dispose()
    {
        ConnectionPools.ReleaseSqliteIn(Data);
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ARecomputeKilledMidWay_LeavesItsLease_WhichTheNextRecomputeTakesOverAtOnce()
    {
        var units = Path.Combine(_dir, "units.csv");
        await File.WriteAllTextAsync(units, ImportFiles.Province(60), Ct);
        Assert.Equal(0, (await AdminCli.RunAsync(string.Empty, "import", "units", units, "--data-dir", Data)).Exit);
        var meetings = Path.Combine(_dir, "meetings.csv");
        ImportFiles.WriteMeetings(meetings, 10_800, 60); // 2021-Q1: 90 days × 120 cells
        Assert.Equal(0, (await AdminCli.RunAsync(string.Empty, "import", "meetings", meetings, "--data-dir", Data)).Exit);
        var settings = DatabaseSettings.Resolve(new DatabaseOptions(), DataDirectory.Open(Data));

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "PartyOrg.Dashboard.dll"), "recompute", "--quarter", Quarter.ToString(), "--inline", "--data-dir", Data })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var holder = await HolderOnceTakenAsync(settings, process);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(Ct);
        Assert.NotNull(holder);
        Assert.Equal(process.Id, holder.ProcessId);
        Assert.Equal(holder.ToString(), await LeaseOwnerAsync(settings)); // killed while it held the quarter

        var (exit, output, errors) = await AdminCli.RunAsync(string.Empty, "recompute", "--quarter", Quarter.ToString(), "--inline", "--data-dir", Data);

        Assert.True(exit == 0, output + errors);
        Assert.StartsWith($"{Quarter}: Computed", output, StringComparison.Ordinal);
        Assert.Null(await LeaseOwnerAsync(settings));
    }

    /// <summary>Watches the quarter's lease until the child process holds it (or it ends, or a minute passes).</summary>
    private static async Task<LeaseHolder?> HolderOnceTakenAsync(DatabaseSettings settings, Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(1) && !process.HasExited)
        {
            if (LeaseHolder.Parse(await LeaseOwnerAsync(settings)) is { } holder && holder.ProcessId == process.Id)
            {
                return holder;
            }

            await Task.Yield();
        }

        return null;
    }

    private static async Task<string?> LeaseOwnerAsync(DatabaseSettings settings)
    {
        await using var db = settings.CreateContext();
        var key = Quarter.Key;
        return await db.QuarterStates.AsNoTracking().Where(s => s.QuarterKey == key).Select(s => s.LeaseOwner).SingleOrDefaultAsync(Ct);
    }
}
