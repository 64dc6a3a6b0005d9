using Microsoft.EntityFrameworkCore;

namespace PartyOrg.Dashboard.Infrastructure.Data;

/// <summary>Applies the committed migrations, refusing a database written by a newer version of the app.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<AppDbContext> contexts, DatabaseSettings settings)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the dashboard read while a job writes; the setting is stored in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        IEnumerable<string> applied;
        try
        {
            applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            throw new StartupException($"cannot open the database ({settings.Describe()}): {ex.Message}");
        }

        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = applied.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new StartupException(
                $"the database ({settings.Describe()}) has schema migration '{unknown[^1]}', newer than this version of the app knows; upgrade the app or use another data directory.");
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
