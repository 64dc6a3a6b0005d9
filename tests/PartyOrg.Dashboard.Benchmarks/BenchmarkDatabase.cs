using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.DemoData;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Benchmarks;

/// <summary>
/// A seeded demo database with its aggregates, made once and reused by every benchmark process:
/// <c>PARTYORG_BENCH_DATA_DIR</c> (default: a folder under the temp directory, per scale).
/// </summary>
internal sealed class BenchmarkDatabase
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);

    private BenchmarkDatabase(DatabaseSettings settings)
    {
        Settings = settings;
        Contexts = new Factory(settings);
        Trees = new OrgTreeService(Contexts);
        Loader = new QuarterFactsLoader(Contexts, Trees);
        Aggregates = new AggregateService(Contexts, Loader, new FakeTimeProvider(Now), new AppNode("test"), NullLogger<AggregateService>.Instance);
        Metrics = new MetricsQueryService(Contexts);
    }

    public DatabaseSettings Settings { get; }

    public IDbContextFactory<AppDbContext> Contexts { get; }

    public OrgTreeService Trees { get; }

    public QuarterFactsLoader Loader { get; }

    public AggregateService Aggregates { get; }

    public MetricsQueryService Metrics { get; }

    public static async Task<BenchmarkDatabase> OpenAsync(int scale)
    {
        var dir = Environment.GetEnvironmentVariable("PARTYORG_BENCH_DATA_DIR")
            ?? Path.Combine(Path.GetTempPath(), $"partyorg-bench-x{scale}");
        var settings = DatabaseSettings.Resolve(new DatabaseOptions(), DataDirectory.Open(dir));
        var database = new BenchmarkDatabase(settings);
        await new DatabaseMigrator(database.Contexts, settings).MigrateAsync();
        await using var db = await database.Contexts.CreateDbContextAsync();
        if (!await db.Units.AnyAsync())
        {
            var result = await new DemoSeeder(settings, new FakeTimeProvider(Now)).SeedAsync(scale, CancellationToken.None);
            await DataVersions.MarkChangedAsync(db, Infrastructure.Time.Quarter.Range(result.FirstQuarter, result.LastQuarter), Now, CancellationToken.None);
            await database.Aggregates.RebuildAllAsync();
        }

        return database;
    }

    /// <summary>Deletes the stored aggregates of one quarter (or of all), so that the next recompute writes every row.</summary>
    public async Task ForgetAggregatesAsync(Infrastructure.Time.Quarter? quarter)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var key = quarter?.Key;
        await db.Metrics.Where(m => key == null || m.QuarterKey == key).ExecuteDeleteAsync();
    }

    private sealed class Factory(DatabaseSettings settings) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => settings.CreateContext();
    }
}
