using Microsoft.Data.Sqlite;
using Npgsql;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Tests.Infrastructure;

/// <summary>
/// Closes the pooled connections of one test's database before it is deleted or dropped. Never all pools: the other
/// tests' hosts run beside it in the same process.
/// </summary>
public static class ConnectionPools
{
    public static void Release(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            using var connection = new NpgsqlConnection(settings.ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
        else
        {
            using var connection = new SqliteConnection(settings.ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    /// <summary>The embedded default database of a data directory, as the app or an admin command opened it.</summary>
    public static void ReleaseSqliteIn(string dataDirectory)
    {
        if (Directory.Exists(dataDirectory))
        {
            Release(DatabaseSettings.Resolve(new DatabaseOptions(), DataDirectory.Open(dataDirectory)));
        }
    }
}
