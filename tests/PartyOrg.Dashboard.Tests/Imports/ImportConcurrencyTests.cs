using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Infrastructure;
using static PartyOrg.Dashboard.Tests.Imports.ImportTestBed;

namespace PartyOrg.Dashboard.Tests.Imports;

/// <summary>
/// Two imports writing at the same time on PostgreSQL: the ids they allocate (max + 1 inside their transaction)
/// must not collide, so both commit and every row is stored. SQLite runs one writer at a time by itself.
/// </summary>
public sealed class ImportConcurrencyTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Waits until some session on <paramref name="database"/> is blocked by another one (a lock wait).</summary>
    private static async Task WaitForABlockedSessionAsync(string database)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable));
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = @db AND cardinality(pg_blocking_pids(pid)) > 0", connection);
        query.Parameters.AddWithValue("db", database);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(Deadline);
        while ((long)(await query.ExecuteScalarAsync(Ct))! == 0)
        {
            // A poll on a state change, bounded by the deadline: fails the test if the other import never waits.
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    private static string Meetings(string cell, int month) =>
        MeetingsFile([.. Enumerable.Range(1, 20).Select(day => MeetingRow(cell, month, day))]);

    [Theory]
    [InlineData("meetings")]
    [InlineData("survey")]
    public async Task TwoImportsCommittingTogether_OnPostgres_BothSucceed_AndEveryRowIsStored(string kind)
    {
        await using var bed = await CreateAsync(DatabaseProvider.Postgres);
        var database = new NpgsqlConnectionStringBuilder(bed.Database.Settings.ConnectionString).Database!;
        var (fileA, fileB, rows) = kind == "meetings"
            ? (Meetings("C1", 7), Meetings("C2", 8), 20)
            : (SurveyFile("C1", "2026-Q2", 6), SurveyFile("C2", "2026-Q3", 6), 6);
        var entered = 0;
        var blockedWhileFirstHeldItsTransaction = false;

        // The first import to reach its commit holds it until the other one is blocked behind it (on the id
        // lock, or without it on the duplicate primary key it was handed), then commits.
        bed.Service.BeforeCommit = async () =>
        {
            if (Interlocked.Increment(ref entered) == 1)
            {
                await WaitForABlockedSessionAsync(database);
                blockedWhileFirstHeldItsTransaction = true;
            }
        };

        var results = await Task.WhenAll(
            Task.Run(() => bed.ImportAsync(kind, "a.csv", fileA), Ct),
            Task.Run(() => bed.ImportAsync(kind, "b.csv", fileB), Ct));

        Assert.True(blockedWhileFirstHeldItsTransaction);
        Assert.Equal(2, entered);
        Assert.All(results, r => Assert.Equal((ImportOutcome.Imported, rows), (r.Report.Outcome, r.Report.Added)));
        Assert.NotEqual(results[0].Report.BatchId, results[1].Report.BatchId);
        await using var db = bed.Database.CreateContext();
        foreach (var result in results)
        {
            var source = (await db.ImportBatches.SingleAsync(b => b.Id == result.Report.BatchId, Ct)).SourceId;
            var stored = kind == "meetings"
                ? await db.Meetings.CountAsync(m => m.SourceId == source, Ct)
                : await db.SurveyResponses.CountAsync(r => r.SourceId == source, Ct);
            Assert.Equal(rows, stored);
        }
    }

    private static string SurveyFile(string cell, string quarter, int responses)
    {
        const string header = "unit_code,quarter,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,suggestion";
        var row = $"{cell},{quarter},1,5,1,4,2,4,4,4,4,1,5,";
        return header + "\n" + string.Join("\n", Enumerable.Repeat(row, responses)) + "\n";
    }
}
