using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Briefings;
using PartyOrg.Dashboard.Features.Briefings.Documents;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.DemoData;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Briefings;

[CollectionDefinition(Name)]
public sealed class BriefingGroup : ICollectionFixture<BriefingDatabase>
{
    public const string Name = "Briefings on the demo province";
}

/// <summary>
/// A private copy of the seeded demo database (the shared one stays read-only) with the aggregates of
/// the quarters a 2024-Q4 briefing compares computed for real, plus 2022-Q3 computed and then made stale;
/// 2022-Q1 is never computed. The province briefing of 2024-Q4 is rendered once in each language and
/// kept in <c>TestResults/briefings/</c>.
/// </summary>
public sealed class BriefingDatabase : IAsyncDisposable
{
    public const string ArtefactDirVariable = "PARTYORG_BRIEFING_DIR";

    public static readonly Quarter Quarter = new(2024, 4);
    public static readonly Quarter StaleQuarter = new(2022, 3);
    public static readonly Quarter UncomputedQuarter = new(2022, 1);
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>26/11/2026 10:00 in Trà Vinh (as the seeded database's clock).</summary>
    public static readonly FakeTimeProvider Time = new(SeededDemoDatabases.Now);

    private readonly Lock _lock = new();
    private Task<Prepared>? _prepared;
    private readonly Dictionary<string, Task<RenderedBriefing>> _rendered = [];

    public static string ArtefactDirectory =>
        Environment.GetEnvironmentVariable(ArtefactDirVariable) is { Length: > 0 } dir
            ? dir
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "briefings");

    public Task<Prepared> GetAsync(SeededDemoDatabases databases)
    {
        lock (_lock)
        {
            return _prepared ??= PrepareAsync(databases);
        }
    }

    /// <summary>The province briefing of 2024-Q4 in one culture, all three formats, rendered once and saved as artefacts.</summary>
    public async Task<RenderedBriefing> ProvinceAsync(SeededDemoDatabases databases, CultureInfo culture)
    {
        var prepared = await GetAsync(databases);
        Task<RenderedBriefing> task;
        lock (_lock)
        {
            if (!_rendered.TryGetValue(culture.Name, out task!))
            {
                _rendered[culture.Name] = task = RenderAndSaveAsync(prepared, culture);
            }
        }

        return await task;
    }

    private static async Task<RenderedBriefing> RenderAndSaveAsync(Prepared prepared, CultureInfo culture)
    {
        var rendered = await prepared.Renderer.RenderAsync(
            new BriefingRequest(Quarter, "TV", culture), [BriefingFormat.Pdf, BriefingFormat.Docx, BriefingFormat.Xlsx], CancellationToken.None);
        Directory.CreateDirectory(ArtefactDirectory);
        foreach (var file in rendered.Files)
        {
            await File.WriteAllBytesAsync(Path.Combine(ArtefactDirectory, file.FileName), file.Content);
        }

        return rendered;
    }

    private static async Task<Prepared> PrepareAsync(SeededDemoDatabases databases)
    {
        var seeded = await databases.GetAsync(DatabaseProvider.Sqlite);
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var source = new SqliteConnection(seeded.Database.Settings.ConnectionString))
        await using (var target = new SqliteConnection(database.Settings.ConnectionString))
        {
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
        }

        SqliteConnection.ClearAllPools();
        var contexts = database.Contexts;
        var trees = new OrgTreeService(contexts);
        var aggregates = new AggregateService(contexts, new QuarterFactsLoader(contexts, trees), Time, new AppNode("test"), NullLogger<AggregateService>.Instance);
        Quarter[] computed = [Quarter, Quarter.Previous, Quarter.Previous.Previous, Quarter.SameQuarterLastYear, StaleQuarter];
        await using (var db = database.CreateContext())
        {
            await DataVersions.MarkChangedAsync(db, [.. computed, UncomputedQuarter], Time.GetUtcNow(), CancellationToken.None);
        }

        foreach (var quarter in computed)
        {
            await aggregates.RecomputeAsync(quarter, CancellationToken.None);
        }

        await using (var db = database.CreateContext())
        {
            await DataVersions.MarkChangedAsync(db, [StaleQuarter], Time.GetUtcNow(), CancellationToken.None);
        }

        var builder = new BriefingBuilder(trees, new MetricsQueryService(contexts), aggregates, contexts, Localizer(), new AppClock(Time));
        return new Prepared(database, builder, new BriefingDocumentRenderer(builder, NullLogger<BriefingDocumentRenderer>.Instance));
    }

    public static IStringLocalizer<BriefingText> Localizer() =>
        new StringLocalizer<BriefingText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    public async ValueTask DisposeAsync()
    {
        if (_prepared is { IsCompletedSuccessfully: true } prepared)
        {
            await prepared.Result.Database.DisposeAsync();
        }
    }

    public sealed record Prepared(TestDatabase Database, BriefingBuilder Builder, IBriefingRenderer Renderer)
    {
        /// <summary>The tree of the quarter, as the app reads it.</summary>
        public Task<OrgTree> TreeAsync(Quarter quarter) => new OrgTreeService(Database.Contexts).GetTreeAsync(quarter);

        /// <summary>The stored aggregate rows of one unit in one quarter, by key.</summary>
        public async Task<Dictionary<string, MetricValue>> RowsAsync(string code, Quarter quarter)
        {
            await using var db = Database.CreateContext();
            var id = await db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
            return await db.Metrics.AsNoTracking().Where(m => m.QuarterKey == quarter.Key && m.UnitId == id).ToDictionaryAsync(m => m.Key);
        }
    }
}
