using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Components.Tests.Infrastructure;

/// <summary>
/// A real, migrated SQLite database in a private temp directory, with a builder for a small tree.
/// Pages are tested against the same queries that serve them.
/// </summary>
public sealed class OrgDatabase : IAsyncDisposable
{
    private static readonly DateOnly Founded = new(2020, 1, 1);
    private readonly string _directory;
    private readonly DatabaseSettings _settings;
    private int? _sourceId;

    private OrgDatabase(string directory, DatabaseSettings settings)
    {
        _directory = directory;
        _settings = settings;
        Contexts = new AppDbContextFactory(settings);
    }

    public IDbContextFactory<AppDbContext> Contexts { get; }

    public static async Task<OrgDatabase> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "partyorg-component-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = DatabaseSettings.Resolve(new DatabaseOptions { Provider = DatabaseProvider.Sqlite }, DataDirectory.Open(directory));
        var db = new OrgDatabase(directory, settings);
        await new DatabaseMigrator(db.Contexts, settings).MigrateAsync(Xunit.TestContext.Current.CancellationToken);
        return db;
    }

    /// <summary>Adds a unit that exists from 2020 (or <paramref name="from"/>) on, under the unit with code <paramref name="parentCode"/>.</summary>
    public async Task AddUnitAsync(string code, string name, UnitKind kind, UnitSector sector, string? parentCode = null, DateOnly? from = null)
    {
        var validFrom = from ?? Founded;
        await using var db = Contexts.CreateDbContext();
        var sourceId = await SourceIdAsync(db);
        int? parentId = parentCode is null ? null : await db.Units.Where(u => u.Code == parentCode).Select(u => u.Id).SingleAsync();
        var unit = new OrgUnit { Code = code, ValidFrom = validFrom, SourceId = sourceId };
        unit.Versions.Add(new OrgUnitVersion
        {
            Name = name, ShortName = name, Kind = kind, Sector = sector, ParentId = parentId, ValidFrom = validFrom, SourceId = sourceId,
        });
        db.Units.Add(unit);
        await db.SaveChangesAsync();
    }

    /// <summary>Records the roll of a cell (or grassroots cell) at the end of a quarter.</summary>
    public async Task AddRollAsync(string code, Quarter quarter, int members, int exempt)
    {
        await using var db = Contexts.CreateDbContext();
        var sourceId = await SourceIdAsync(db);
        var unitId = await db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
        db.Memberships.Add(new MembershipSnapshot { UnitId = unitId, QuarterKey = quarter.Key, Members = members, Exempt = exempt, SourceId = sourceId });
        await db.SaveChangesAsync();
    }

    /// <summary>Ends a unit (and its open version) on <paramref name="date"/>, exclusive.</summary>
    public async Task EndUnitAsync(string code, DateOnly date)
    {
        await using var db = Contexts.CreateDbContext();
        var unit = await db.Units.Include(u => u.Versions).SingleAsync(u => u.Code == code);
        unit.ValidTo = date;
        foreach (var version in unit.Versions.Where(v => v.ValidTo is null))
        {
            version.ValidTo = date;
        }

        await db.SaveChangesAsync();
    }

    public async Task AddLineageAsync(LineageKind kind, DateOnly date, string predecessorCode, string? successorCode)
    {
        await using var db = Contexts.CreateDbContext();
        var sourceId = await SourceIdAsync(db);
        var predecessor = await db.Units.Where(u => u.Code == predecessorCode).Select(u => u.Id).SingleAsync();
        int? successor = successorCode is null ? null : await db.Units.Where(u => u.Code == successorCode).Select(u => u.Id).SingleAsync();
        db.LineageEvents.Add(new LineageEvent { Kind = kind, EffectiveDate = date, PredecessorId = predecessor, SuccessorId = successor, SourceId = sourceId });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temp cleaner.
        }
    }

    private async Task<int> SourceIdAsync(AppDbContext db)
    {
        if (_sourceId is null)
        {
            var source = new FactSource { Kind = FactSourceKind.Seed, Label = "Dữ liệu kiểm thử", CreatedAt = DateTimeOffset.UnixEpoch };
            db.FactSources.Add(source);
            await db.SaveChangesAsync();
            _sourceId = source.Id;
        }

        return _sourceId.Value;
    }
}
