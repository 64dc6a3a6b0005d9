using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.DemoData;

/// <summary>Reproducibility, the empty-database guard and the reported counts.</summary>
public sealed class DemoSeederTests(SeededDemoDatabases databases, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeedAsync_TwiceOnFreshDatabases_GivesTheSameChecksum()
    {
        var first = await databases.GetAsync(DatabaseProvider.Sqlite);
        await using var second = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var result = await SeededDemoDatabases.Seeder(second).SeedAsync(1, TestContext.Current.CancellationToken);
        await using var db = second.CreateContext();

        var checksum = await FactChecksum.ComputeAsync(db, TestContext.Current.CancellationToken);

        output.WriteLine($"SQLite: {first.Result}; checksum {first.ChecksumElapsed.TotalSeconds:0.0} s");
        output.WriteLine($"SQLite (second): {result}");
        Assert.Equal(first.Checksum, checksum);
        Assert.Matches("^[0-9a-f]{64}$", checksum);
    }

    [Fact]
    public async Task SeedAsync_SqliteAndPostgres_StoreTheSameFacts()
    {
        var sqlite = await databases.GetAsync(DatabaseProvider.Sqlite);
        var postgres = await databases.GetAsync(DatabaseProvider.Postgres);

        output.WriteLine($"SQLite: {sqlite.Result}; checksum {sqlite.ChecksumElapsed.TotalSeconds:0.0} s");
        output.WriteLine($"PostgreSQL: {postgres.Result}; checksum {postgres.ChecksumElapsed.TotalSeconds:0.0} s");
        Assert.Equal(sqlite.Checksum, postgres.Checksum);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SeedAsync_ReportsTheRowsItWrote(DatabaseProvider provider)
    {
        var seeded = await databases.GetAsync(provider);
        await using var db = seeded.Database.CreateContext();
        output.WriteLine($"{provider}: {seeded.Result}");

        Assert.Equal(seeded.Result.Units, await db.Units.CountAsync(Ct));
        Assert.Equal(seeded.Result.Meetings, await db.Meetings.CountAsync(Ct));
        Assert.Equal(seeded.Result.SurveyResponses, await db.SurveyResponses.LongCountAsync(Ct));
        Assert.Equal(seeded.Result.Memberships, seeded.Rows.Memberships.Count);
        Assert.Equal(23, seeded.Result.SurveyRounds);
        var source = Assert.Single(await db.FactSources.ToListAsync(Ct));
        Assert.Equal(FactSourceKind.Seed, source.Kind);
        Assert.Equal("Dữ liệu minh họa (seed-demo)", source.Label);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SeedAsync_DatabaseWithUnits_FailsWithoutWriting(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            var source = new FactSource { Kind = FactSourceKind.FormEntry, Label = "Nhập tay", CreatedAt = SeededDemoDatabases.Now };
            db.FactSources.Add(source);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            db.Units.Add(new OrgUnit { Code = "TV", ValidFrom = new DateOnly(2020, 1, 1), SourceId = source.Id });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        string before;
        await using (var db = database.CreateContext())
        {
            before = await FactChecksum.ComputeAsync(db, TestContext.Current.CancellationToken);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SeededDemoDatabases.Seeder(database).SeedAsync(1, TestContext.Current.CancellationToken));

        Assert.Contains("empty database", error.Message, StringComparison.Ordinal);
        await using var after = database.CreateContext();
        Assert.Equal(before, await FactChecksum.ComputeAsync(after, TestContext.Current.CancellationToken));
        Assert.Equal(1, await after.Units.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await after.FactSources.CountAsync(TestContext.Current.CancellationToken));
    }
}
