using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.DemoData;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.KeyRing;

namespace PartyOrg.Dashboard.Hosting;

/// <summary>What runs before the app serves: migrations, roles, and the demo data on a first start.</summary>
public sealed partial class StartupTasks(
    DatabaseMigrator migrator,
    KeyRingStartup keyRing,
    IDbContextFactory<AppDbContext> contexts,
    UserAdministration administration,
    DemoSeeder seeder,
    DemoMode demo,
    AggregateService aggregates,
    TimeProvider time,
    IOptions<AppOptions> options,
    ILogger<StartupTasks> logger)
{
    /// <returns>Whether the demo data set was seeded by this call.</returns>
    public async Task<bool> PrepareAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        return await SeedDemoIfDueAsync(cancellationToken);
    }

    /// <summary>The database migrated, the key ring ready, the roles there: what every start needs.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await keyRing.PrepareAsync(cancellationToken);
        await administration.EnsureRolesAsync();
    }

    /// <summary>Whether this start will seed the demo data set: asked for, and the database is empty.</summary>
    public async Task<bool> DemoSeedDueAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemo)
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.Units.AnyAsync(cancellationToken);
    }

    /// <returns>Whether the demo data set was seeded by this call.</returns>
    public async Task<bool> SeedDemoIfDueAsync(CancellationToken cancellationToken)
    {
        if (!await DemoSeedDueAsync(cancellationToken))
        {
            return false;
        }

        LogSeeding(logger, options.Value.DemoScale);
        await SeedDemoAsync(options.Value.DemoScale, cancellationToken);
        return true;
    }

    /// <summary>
    /// Seeds the demo data and its demo accounts into an empty database, then computes the aggregates of
    /// every seeded quarter so that the dashboard opens on complete figures.
    /// </summary>
    public async Task<DemoSeedResult> SeedDemoAsync(int scale, CancellationToken cancellationToken)
    {
        var result = await seeder.SeedAsync(scale, cancellationToken);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await DataVersions.MarkChangedAsync(db, Infrastructure.Time.Quarter.Range(result.FirstQuarter, result.LastQuarter), time.GetUtcNow(), cancellationToken);
        }

        await aggregates.RebuildAllAsync(cancellationToken);
        await DemoAccounts.CreateAsync(administration);
        return result;
    }

    /// <summary>Whether the database holds demo data or demo accounts; remembered in <see cref="DemoMode"/> for the pages.</summary>
    public async Task<bool> DetectDemoAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await demo.DetectAsync(db, cancellationToken);
    }

    public async Task<bool> HasUsersAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: seeding the demo data set (scale {Scale}).")]
    private static partial void LogSeeding(ILogger logger, int scale);
}
