using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Tests.Infrastructure;

/// <summary>
/// A real, empty, migrated database for one test: a SQLite file in a temp directory, or a fresh
/// database on the PostgreSQL server named by <c>PARTYORG_TEST_POSTGRES</c> (the test command starts one).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PARTYORG_TEST_POSTGRES";

    private readonly string? _postgresAdmin;
    private readonly string? _postgresDatabase;

    private TestDatabase(DatabaseSettings settings, string directory, string? postgresAdmin, string? postgresDatabase)
    {
        Settings = settings;
        Directory = directory;
        _postgresAdmin = postgresAdmin;
        _postgresDatabase = postgresDatabase;
        Contexts = new TestContextFactory(settings);
    }

    public DatabaseSettings Settings { get; }

    /// <summary>A private temp directory, usable as the data directory.</summary>
    public string Directory { get; }

    public IDbContextFactory<AppDbContext> Contexts { get; }

    public static bool PostgresAvailable => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable));

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        var directory = Path.Combine(Path.GetTempPath(), "partyorg-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        TestDatabase db;
        if (provider == DatabaseProvider.Sqlite)
        {
            db = new TestDatabase(
                DatabaseSettings.Resolve(new DatabaseOptions { Provider = provider }, DataDirectory.Open(directory)),
                directory, null, null);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(admin))
            {
                Assert.Skip($"{PostgresVariable} is not set; the README's test command starts PostgreSQL and sets it.");
            }

            var name = "t_" + Guid.NewGuid().ToString("N")[..16];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
            db = new TestDatabase(
                DatabaseSettings.Resolve(new DatabaseOptions { Provider = provider, ConnectionString = cs }, DataDirectory.Open(directory)),
                directory, admin, name);
        }

        if (migrate)
        {
            await new DatabaseMigrator(db.Contexts, db.Settings).MigrateAsync();
        }

        return db;
    }

    public AppDbContext CreateContext() => Settings.CreateContext();

    public async ValueTask DisposeAsync()
    {
        if (_postgresAdmin is not null && _postgresDatabase is not null)
        {
            ConnectionPools.Release(Settings);
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            ConnectionPools.Release(Settings);
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS is left to the temp cleaner.
        }
    }

    private sealed class TestContextFactory(DatabaseSettings settings) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => settings.CreateContext();
    }
}

/// <summary>Theory data: every provider the suite runs on.</summary>
public sealed class Providers : TheoryData<DatabaseProvider>
{
    public Providers()
    {
        Add(DatabaseProvider.Sqlite);
        Add(DatabaseProvider.Postgres);
    }
}
