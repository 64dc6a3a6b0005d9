using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace PartyOrg.Dashboard.Infrastructure.Data;

/// <summary>The provider and connection string this instance runs on, resolved once at start-up.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteFileName = "partyorg.db";

    public static DatabaseSettings Resolve(DatabaseOptions options, DataDirectory dataDirectory)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new SqliteConnectionStringBuilder(
                    string.IsNullOrWhiteSpace(options.ConnectionString)
                        ? $"Data Source={dataDirectory.PrivateFile(SqliteFileName)}"
                        : options.ConnectionString)
                {
                    ForeignKeys = true,
                    DefaultTimeout = 30,
                    Pooling = true,
                };
                return new DatabaseSettings(DatabaseProvider.Sqlite, sqlite.ToString());
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new StartupException("Database:Provider is Postgres but Database:ConnectionString is empty.");
                }

                try
                {
                    _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                }
                catch (ArgumentException ex)
                {
                    throw new StartupException($"Database:ConnectionString is not a PostgreSQL connection string: {ex.Message}");
                }

                return new DatabaseSettings(DatabaseProvider.Postgres, options.ConnectionString);
            default:
                throw new StartupException($"Database:Provider '{options.Provider}' is not known; use Sqlite or Postgres.");
        }
    }

    /// <summary>A short description for logs and the start-up banner (no password).</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        _ => DescribePostgres(),
    };

    private string DescribePostgres()
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    public AppDbContext CreateContext() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite(ConnectionString, o => o.MigrationsHistoryTable("__EFMigrationsHistory"))
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options),
        _ => new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(ConnectionString)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options),
    };
}

/// <summary>One context per operation (Blazor Server: never a context per circuit).</summary>
internal sealed class AppDbContextFactory(DatabaseSettings settings) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => settings.CreateContext();
}
