using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Tests.Infrastructure;

/// <summary>
/// The data directory holds the Party's records: on Linux it and its subdirectories are 700, its files 600 — when
/// it is created, when an older directory is opened, and for the files the running app creates in it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataDirectoryTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = Private | UnixFileMode.UserExecute;
    private const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly string _path = Path.Combine(Path.GetTempPath(), "partyorg-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }

    [Fact]
    public void Open_ANewDirectory_CreatesItPrivate()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");

        DataDirectory.Open(_path);

        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(_path));
    }

    [Fact]
    public void Open_ADirectoryOfAnEarlierVersion_MakesEverythingInItPrivate()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        Directory.CreateDirectory(Path.Combine(_path, "keys"));
        File.WriteAllText(Path.Combine(_path, "partyorg.db"), "x");
        File.WriteAllText(Path.Combine(_path, "keys", "key-1.xml"), "<key/>");
        File.SetUnixFileMode(_path, Open | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(Path.Combine(_path, "keys"), Open | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(Path.Combine(_path, "partyorg.db"), Open);
        File.SetUnixFileMode(Path.Combine(_path, "keys", "key-1.xml"), Open);

        DataDirectory.Open(_path);

        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(_path));
        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(Path.Combine(_path, "keys")));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_path, "partyorg.db")));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_path, "keys", "key-1.xml")));
    }

    [Fact]
    public async Task TheRunningApp_CreatesItsDatabaseAndJobStorage_Private_WithTheKeyRingInTheDatabase()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var app = new AppFactory(dataDirectory: _path, settings: new Dictionary<string, string> { ["Jobs:Storage"] = "Auto" });
        var client = app.CreateBrowserlessClient();

        // The sign-in page needs an antiforgery token, hence the key ring; the database is open (WAL) meanwhile.
        var login = await client.GetAsync("/account/login", Ct);
        login.EnsureSuccessStatusCode();

        var files = new[] { "partyorg.db", "partyorg.db-wal", "partyorg.db-shm", "hangfire.db" }.Select(f => Path.Combine(_path, f)).ToList();
        Assert.All(files, f => Assert.True(File.Exists(f), $"{f} does not exist"));
        Assert.All(files, f => Assert.Equal(Private, File.GetUnixFileMode(f)));
        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(_path));
        Assert.False(Directory.Exists(Path.Combine(_path, "keys")), "the key ring lives in the (private) database, not in files");
        await using var db = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync(Ct));
    }
}
