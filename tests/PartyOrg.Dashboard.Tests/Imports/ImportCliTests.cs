using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Cli;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Infrastructure;
using static PartyOrg.Dashboard.Tests.Imports.ImportTestBed;

namespace PartyOrg.Dashboard.Tests.Imports;

/// <summary>The <c>import</c> commands: exit codes, a summary on stdout, one line per problem on stderr, <c>--as</c> scope; and a killed import.</summary>
public sealed class ImportCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "partyorg-tests", Guid.NewGuid().ToString("N"));

    public ImportCliTests() => Directory.CreateDirectory(_dir);

    private static Task<(int Exit, string Out, string Err)> RunAsync(string stdin, params string[] args) =>
        AdminCli.RunAsync(stdin, args);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<string> ChecksumAsync()
    {
        var settings = DatabaseSettings.Resolve(new DatabaseOptions(), DataDirectory.Open(Path.Combine(_dir, "data")));
        await using var db = settings.CreateContext();
        return await FactChecksum.ComputeAsync(db, Ct);
    }

    private string Data => Path.Combine(_dir, "data");

    [Fact]
    public async Task Template_WritesTheHeaderOfTheKind()
    {
        var (exit, output, _) = await RunAsync(string.Empty, "import", "template", "meetings", "--format", "csv", "--out", Path.Combine(_dir, "t.csv"));

        Assert.Equal(AdminCommands.Ok, exit);
        Assert.Contains("14 columns", output, StringComparison.Ordinal);
        Assert.Equal(MeetingsHeader, (await File.ReadAllTextAsync(Path.Combine(_dir, "t.csv"), Ct)).Trim('\uFEFF', '\r', '\n'));
    }

    [Fact]
    public async Task Import_RejectsABadFile_LinePerProblem_ThenImportsTheFixedOne_AndTheSameFileAddsNothing()
    {
        var units = await RunAsync(string.Empty, "import", "units", Write("units.csv", ImportFiles.Province()), "--data-dir", Data);
        Assert.Equal(AdminCommands.Ok, units.Exit);
        var before = await ChecksumAsync();

        var bad = await RunAsync(string.Empty, "import", "meetings",
            Write("bad.csv", MeetingsFile(MeetingRow("C1-1", 7, 10), MeetingRow("C1-1", 7, 11, expected: 18, present: 19).Replace(",19,-1,", ",19,0,", StringComparison.Ordinal), MeetingRow("C9-9", 7, 12))), "--data-dir", Data);

        Assert.Equal(AdminCommands.Failed, bad.Exit);
        var lines = bad.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("bad.csv:3:present: ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("(19)", lines[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.StartsWith("bad.csv:4:unit_code: ", lines[1], StringComparison.Ordinal);
        Assert.Contains("rejected, nothing written: 2 problems in 2 rows", bad.Out, StringComparison.Ordinal);
        Assert.Equal(before, await ChecksumAsync());

        var good = Write("good.csv", MeetingsFile(MeetingRow("C1-1", 7, 10), MeetingRow("C2-1", 7, 11)));
        var dry = await RunAsync(string.Empty, "import", "meetings", good, "--dry-run", "--data-dir", Data);
        Assert.Equal((AdminCommands.Ok, string.Empty), (dry.Exit, dry.Err));
        Assert.Contains("dry run, valid, nothing written: would write 2 rows, 2 added", dry.Out, StringComparison.Ordinal);
        Assert.Equal(before, await ChecksumAsync());

        var ok = await RunAsync(string.Empty, "import", "meetings", good, "--data-dir", Data);
        Assert.Equal(AdminCommands.Ok, ok.Exit);
        Assert.Contains("imported as batch 2: 2 rows, 2 added", ok.Out, StringComparison.Ordinal);
        var afterFirst = await ChecksumAsync();

        var again = await RunAsync(string.Empty, "import", "meetings", good, "--data-dir", Data);
        Assert.Equal(AdminCommands.Ok, again.Exit);
        Assert.Contains("nothing new, nothing written: 2 rows, 0 added, 0 changed, 2 already stored", again.Out, StringComparison.Ordinal);
        Assert.Equal(afterFirst, await ChecksumAsync());
    }

    [Fact]
    public async Task As_ADistrictEditor_CannotImportOutsideTheirSubtree_NorUndo()
    {
        Assert.Equal(AdminCommands.Ok, (await RunAsync(string.Empty, "import", "units", Write("units.csv", ImportFiles.Province()), "--data-dir", Data)).Exit);
        Assert.Equal(AdminCommands.Ok, (await RunAsync("Correct-Horse-42\n", "users", "add", "--email", "ed@test", "--role", "DistrictEditor", "--scope", "D1", "--password-stdin", "--data-dir", Data)).Exit);
        var before = await ChecksumAsync();

        var outside = await RunAsync(string.Empty, "import", "meetings", Write("d2.csv", MeetingsFile(MeetingRow("C2-1", 7, 10))), "--as", "ed@test", "--data-dir", Data);
        var unknown = await RunAsync(string.Empty, "import", "meetings", Write("d1.csv", MeetingsFile(MeetingRow("C1-1", 7, 10))), "--as", "nobody@test", "--data-dir", Data);
        var undo = await RunAsync(string.Empty, "import", "undo", "1", "--as", "ed@test", "--data-dir", Data);

        Assert.Equal(AdminCommands.Failed, outside.Exit);
        Assert.StartsWith("d2.csv:2:unit_code: ", outside.Err, StringComparison.Ordinal);
        Assert.Contains("D1", outside.Err, StringComparison.Ordinal);
        Assert.Equal(AdminCommands.Failed, unknown.Exit);
        Assert.Contains("no user with e-mail 'nobody@test'", unknown.Err, StringComparison.Ordinal);
        Assert.Equal(AdminCommands.Failed, undo.Exit);
        Assert.Equal(before, await ChecksumAsync());

        var inside = await RunAsync(string.Empty, "import", "meetings", Write("d1.csv", MeetingsFile(MeetingRow("C1-1", 7, 10))), "--as", "ed@test", "--data-dir", Data);
        Assert.Equal(AdminCommands.Ok, inside.Exit);
    }

    /// <summary>
    /// Runs the built CLI as a child process on a large file, kills it as soon as it reports that the write
    /// phase has started, and checks that the batch is either wholly absent or wholly present.
    /// </summary>
    [Fact]
    public async Task KillingALargeImportDuringTheWrite_LeavesNothingOrEverythingOfTheBatch()
    {
        const int rows = 30_000;
        var dll = Path.Combine(AppContext.BaseDirectory, "PartyOrg.Dashboard.dll");
        Assert.Equal(AdminCommands.Ok, (await RunAsync(string.Empty, "import", "units", Write("units.csv", ImportFiles.Province(50)), "--data-dir", Data)).Exit);
        var big = Path.Combine(_dir, "big.csv");
        ImportFiles.WriteMeetings(big, rows, 50);
        var before = await ChecksumAsync();

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "import", "meetings", big, "--data-dir", Data })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Imports__WriteChunkRows"] = "500";
        using var process = Process.Start(start)!;
        var sawWrite = false;
        while (await process.StandardOutput.ReadLineAsync(Ct) is { } line)
        {
            if (line.StartsWith("progress: writing", StringComparison.Ordinal))
            {
                sawWrite = true;
                process.Kill(entireProcessTree: true);
                break;
            }
        }

        await process.WaitForExitAsync(Ct);
        Assert.True(sawWrite, "the import never reported its write phase: " + await process.StandardError.ReadToEndAsync(Ct));

        var settings = DatabaseSettings.Resolve(new DatabaseOptions(), DataDirectory.Open(Data));
        await using var db = settings.CreateContext();
        var meetings = await db.Meetings.CountAsync(Ct);
        Assert.True(meetings is 0 or rows, $"{meetings} meetings stored: a half-written batch");
        if (meetings == 0)
        {
            Assert.Equal(before, await ChecksumAsync());
            Assert.Equal(0, await db.ImportBatches.CountAsync(b => b.Kind == "meetings", Ct));
        }
        else
        {
            Assert.Equal(1, await db.ImportBatches.CountAsync(b => b.Kind == "meetings" && b.Added == rows, Ct));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temp cleaner.
        }
    }
}
