using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.DemoData;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.DemoData;
using PartyOrg.Dashboard.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(SeededDemoDatabases))]

namespace PartyOrg.Dashboard.Tests.DemoData;

/// <summary>
/// One seeded demo database per provider for the whole test run (seeding writes ~800k rows), created
/// on first use. Tests only read from it.
/// </summary>
public sealed class SeededDemoDatabases : IAsyncDisposable
{
    /// <summary>26/11/2026, 10:00 in Trà Vinh: the last closed quarter is 2026-Q3.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<SeededDatabase>>> _databases = new();

    public static DemoSeeder Seeder(TestDatabase database) => new(database.Settings, new FakeTimeProvider(Now));

    public Task<SeededDatabase> GetAsync(DatabaseProvider provider) =>
        _databases.GetOrAdd(provider, p => new Lazy<Task<SeededDatabase>>(() => SeedAsync(p))).Value;

    private static async Task<SeededDatabase> SeedAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var result = await Seeder(database).SeedAsync(1, CancellationToken.None);
        await using var db = database.CreateContext();
        var stopwatch = Stopwatch.StartNew();
        var checksum = await FactChecksum.ComputeAsync(db, CancellationToken.None);
        var checksumElapsed = stopwatch.Elapsed;
        var rows = new SeededRows(
            await db.Units.AsNoTracking().ToListAsync(),
            await db.UnitVersions.AsNoTracking().ToListAsync(),
            await db.LineageEvents.AsNoTracking().ToListAsync(),
            await db.Memberships.AsNoTracking().ToListAsync());
        return new SeededDatabase(database, result, checksum, checksumElapsed, rows);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _databases.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                await lazy.Value.Result.Database.DisposeAsync();
            }
        }
    }
}

public sealed record SeededDatabase(TestDatabase Database, DemoSeedResult Result, string Checksum, TimeSpan ChecksumElapsed, SeededRows Rows);

/// <summary>The structural rows, read once, for plain LINQ in the tests.</summary>
public sealed record SeededRows(
    IReadOnlyList<OrgUnit> Units,
    IReadOnlyList<OrgUnitVersion> Versions,
    IReadOnlyList<LineageEvent> Lineage,
    IReadOnlyList<MembershipSnapshot> Memberships)
{
    /// <summary>The tree as it stood on <paramref name="date"/>: each valid unit's valid version.</summary>
    public IReadOnlyDictionary<int, OrgUnitVersion> TreeOn(DateOnly date)
    {
        var valid = Units.Where(u => u.IsValidOn(date)).Select(u => u.Id).ToHashSet();
        return Versions.Where(v => valid.Contains(v.UnitId) && v.IsValidOn(date)).ToDictionary(v => v.UnitId);
    }

    /// <summary>The unit's ancestors up to the root, or throws if a parent is not in the tree of that date.</summary>
    public static IEnumerable<OrgUnitVersion> Ancestors(IReadOnlyDictionary<int, OrgUnitVersion> tree, OrgUnitVersion version)
    {
        var current = version;
        while (current.ParentId is { } parentId)
        {
            Assert.True(tree.TryGetValue(parentId, out var parent), $"unit {current.UnitId}'s parent {parentId} is not valid at that date");
            current = parent;
            yield return current;
        }
    }
}
