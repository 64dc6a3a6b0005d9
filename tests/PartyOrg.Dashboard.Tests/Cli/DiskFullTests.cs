using System.Diagnostics;
using PartyOrg.Dashboard.Features.Cli;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Imports;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Cli;

/// <summary>
/// Admin commands on a data directory whose disk fills up: a small tmpfs mounted for the test (skipped, saying why,
/// where this machine does not let the test mount one). One line and exit 1, never a stack trace; nothing half
/// written; no stray files.
/// </summary>
public sealed class DiskFullTests : IAsyncLifetime
{
    private const int DiskBytes = 8 * 1024 * 1024;

    private readonly string _mount = Path.Combine(Path.GetTempPath(), "partyorg-tests", "disk-" + Guid.NewGuid().ToString("N"));
    private readonly string _work = Path.Combine(Path.GetTempPath(), "partyorg-tests", Guid.NewGuid().ToString("N"));
    private bool _mounted;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Data => Path.Combine(_mount, "data");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_mount);
        Directory.CreateDirectory(_work);
        var (exit, error) = await RunToolAsync("mount", "-t", "tmpfs", "-o", $"size={DiskBytes}", "tmpfs", _mount);
        _mounted = exit == 0;
        if (!_mounted)
        {
            Assert.Skip($"cannot mount a small tmpfs here ({error.Trim()}); the disk-full tests need one.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        File.Delete(Path.Combine(_mount, "filler"));
        ConnectionPools.ReleaseSqliteIn(Data);
        if (_mounted)
        {
            await RunToolAsync("umount", _mount);
        }

        Directory.Delete(_mount, recursive: true);
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task AnImportThatFillsTheDisk_SaysSoInOneLine_AndWritesNothing()
    {
        Assert.Equal(0, (await AdminCli.RunAsync(string.Empty, "migrate", "--data-dir", Data)).Exit);
        var units = Path.Combine(_work, "units.csv");
        await File.WriteAllTextAsync(units, ImportFiles.Province(4), Ct);
        Assert.Equal(0, (await AdminCli.RunAsync(string.Empty, "import", "units", units, "--data-dir", Data)).Exit);
        var before = await ChecksumAsync();
        var meetings = Path.Combine(_work, "meetings.csv");
        ImportFiles.WriteMeetings(meetings, 12_000, 4);
        FillDisk(leave: 256 * 1024);

        var (exit, _, err) = await AdminCli.RunAsync(string.Empty, "import", "meetings", meetings, "--data-dir", Data);

        Assert.Equal(AdminCommands.Failed, exit);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("partyorg: the database refused the operation: the disk is full", line, StringComparison.Ordinal);
        File.Delete(Path.Combine(_mount, "filler"));
        Assert.Equal(before, await ChecksumAsync());
    }

    [Fact]
    public async Task AStartOnAFullDisk_IsRefusedInOneLine_AndLeavesNoProbeFile()
    {
        Directory.CreateDirectory(Data);
        FillDisk(leave: 0);

        var (exit, _, err) = await AdminCli.RunAsync(string.Empty, "migrate", "--data-dir", Data);

        Assert.Equal(AdminCommands.Failed, exit);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"partyorg: data directory '{Data}' is not usable", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Data, ".write-test-*"));
    }

    /// <summary>Fills the tmpfs with one file until <paramref name="leave"/> bytes remain.</summary>
    private void FillDisk(long leave)
    {
        using var filler = new FileStream(Path.Combine(_mount, "filler"), FileMode.Create);
        var block = new byte[64 * 1024];
        try
        {
            while (new DriveInfo(_mount).AvailableFreeSpace > leave)
            {
                var room = new DriveInfo(_mount).AvailableFreeSpace - leave;
                filler.Write(block, 0, (int)Math.Min(block.Length, Math.Max(room, 1)));
                filler.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    private async Task<string> ChecksumAsync()
    {
        var settings = DatabaseSettings.Resolve(new DatabaseOptions(), DataDirectory.Open(Data));
        await using var db = settings.CreateContext();
        return await FactChecksum.ComputeAsync(db, Ct);
    }

    private static async Task<(int Exit, string Error)> RunToolAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
