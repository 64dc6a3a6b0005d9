using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using PartyOrg.Dashboard.Features.Cli;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Cli;

/// <summary>Admin commands: a one-line reason and a non-zero exit on bad input, and nothing changed.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "partyorg-tests", Guid.NewGuid().ToString("N"));

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) =>
        await RunWithInputAsync(string.Empty, args);

    private static Task<(int Exit, string Out, string Err)> RunWithInputAsync(string stdin, params string[] args) =>
        AdminCli.RunAsync(stdin, args);

    private static void AssertOneLine(string text, string expected)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_IsOneLineAndExit2()
    {
        var (exit, _, err) = await RunAsync("frobnicate", "--data-dir", _dir);

        Assert.Equal(AdminCommands.Usage, exit);
        AssertOneLine(err, "frobnicate");
        Assert.False(Directory.Exists(_dir));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    [InlineData("100000")]
    public async Task SeedDemo_WithABadScale_IsRefusedBeforeTouchingAnything(string scale)
    {
        var (exit, _, err) = await RunAsync("seed-demo", "--scale", scale, "--data-dir", _dir);

        Assert.Equal(AdminCommands.Usage, exit);
        AssertOneLine(err, "--scale");
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public async Task Migrate_WithAnUnusableDataDirectory_SaysWhichAndWhy()
    {
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, "a-file");
        await File.WriteAllTextAsync(file, "not a directory", TestContext.Current.CancellationToken);

        var (exit, _, err) = await RunAsync("migrate", "--data-dir", Path.Combine(file, "data"));

        Assert.Equal(AdminCommands.Failed, exit);
        AssertOneLine(err, "data directory");
    }

    [Fact]
    public async Task Migrate_WithoutDataDir_UsesTheEnvironmentVariable()
    {
        var before = Environment.GetEnvironmentVariable("PARTYORG_DATA_DIR");
        Environment.SetEnvironmentVariable("PARTYORG_DATA_DIR", _dir);
        try
        {
            var (exit, output, _) = await RunAsync("migrate");

            Assert.Equal(AdminCommands.Ok, exit);
            Assert.Contains(Path.Combine(_dir, "partyorg.db"), output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(_dir, "partyorg.db")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PARTYORG_DATA_DIR", before);
        }
    }

    [Fact]
    public async Task Migrate_CreatesTheDatabase_AndIsRepeatable()
    {
        var first = await RunAsync("migrate", "--data-dir", _dir);
        var second = await RunAsync("migrate", "--data-dir", _dir);

        Assert.Equal(AdminCommands.Ok, first.Exit);
        Assert.Equal(AdminCommands.Ok, second.Exit);
        Assert.True(File.Exists(Path.Combine(_dir, "partyorg.db")));
        Assert.Matches(@"is at migration \d{14}_\w+\.", second.Out);
    }

    [Fact]
    public async Task Migrate_OnADatabaseFromANewerSchema_RefusesAndChangesNothing()
    {
        Assert.Equal(AdminCommands.Ok, (await RunAsync("migrate", "--data-dir", _dir)).Exit);
        var db = Path.Combine(_dir, "partyorg.db");
        await using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromTheFuture', '99.0.0')";
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        SqliteConnection.ClearAllPools();
        var before = Hash(db);

        var (exit, _, err) = await RunAsync("migrate", "--data-dir", _dir);
        SqliteConnection.ClearAllPools();

        Assert.Equal(AdminCommands.Failed, exit);
        AssertOneLine(err, "29991231000000_FromTheFuture");
        Assert.Contains("newer", err, StringComparison.Ordinal);
        Assert.Equal(before, Hash(db));
    }

    [Fact]
    public async Task UsersAdd_DistrictEditorWithoutScope_IsRefused()
    {
        var (exit, _, err) = await RunWithInputAsync("Long-enough-1\n", "users", "add", "--email", "d@test.vn", "--role", "DistrictEditor", "--password-stdin", "--data-dir", _dir);

        Assert.Equal(AdminCommands.Failed, exit);
        AssertOneLine(err, "--scope");
    }

    [Fact]
    public async Task UsersAdd_UnknownRole_NamesTheRoles()
    {
        var (exit, _, err) = await RunWithInputAsync("Long-enough-1\n", "users", "add", "--email", "d@test.vn", "--role", "King", "--password-stdin", "--data-dir", _dir);

        Assert.Equal(AdminCommands.Failed, exit);
        AssertOneLine(err, "unknown role 'King'");
    }

    [Fact]
    public async Task UsersAdd_ThenTokensCreate_PrintsAToken()
    {
        var add = await RunWithInputAsync("Long-enough-1\n", "users", "add", "--email", "a@test.vn", "--role", "Admin", "--password-stdin", "--data-dir", _dir);
        var token = await RunAsync("tokens", "create", "--email", "a@test.vn", "--name", "ci", "--data-dir", _dir);

        Assert.Equal(AdminCommands.Ok, add.Exit);
        Assert.Equal(AdminCommands.Ok, token.Exit);
        Assert.StartsWith("po_", token.Out.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokensCreate_ForAnUnknownUser_IsRefused()
    {
        var (exit, _, err) = await RunAsync("tokens", "create", "--email", "nobody@test.vn", "--name", "x", "--data-dir", _dir);

        Assert.Equal(AdminCommands.Failed, exit);
        AssertOneLine(err, "nobody@test.vn");
    }

    [Theory]
    [InlineData("recompute")]
    [InlineData("recompute", "--quarter", "2026-Q3", "--all")]
    public async Task Recompute_NeedsEitherAQuarterOrAll(params string[] args)
    {
        var (exit, _, err) = await RunAsync([.. args, "--data-dir", _dir]);

        Assert.Equal(AdminCommands.Usage, exit);
        AssertOneLine(err, "either --quarter YYYY-Qn or --all");
    }

    [Fact]
    public async Task Recompute_WithABadQuarter_SaysHowToWriteIt()
    {
        var (exit, _, err) = await RunAsync("recompute", "--quarter", "Q3/2026", "--data-dir", _dir);

        Assert.Equal(AdminCommands.Usage, exit);
        AssertOneLine(err, "bad --quarter 'Q3/2026'");
    }

    [Fact]
    public async Task Recompute_Inline_OnAnEmptyDatabase_ComputesTheQuarter()
    {
        var (exit, output, _) = await RunAsync("recompute", "--quarter", "2026-Q3", "--inline", "--data-dir", _dir);

        Assert.Equal(AdminCommands.Ok, exit);
        Assert.Contains("2026-Q3: Computed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recompute_Enqueued_PrintsTheJob()
    {
        var (exit, output, _) = await RunAsync("recompute", "--all", "--data-dir", _dir);

        Assert.Equal(AdminCommands.Ok, exit);
        Assert.Contains("Enqueued rebuild-all as job", output, StringComparison.Ordinal);
    }

    private static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
