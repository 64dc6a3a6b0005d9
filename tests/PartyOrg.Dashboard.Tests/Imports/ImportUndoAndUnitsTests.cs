using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Infrastructure;
using static PartyOrg.Dashboard.Tests.Imports.ImportTestBed;

namespace PartyOrg.Dashboard.Tests.Imports;

/// <summary>Undo removes exactly a batch's rows; the units import versions the tree as ADR-001 says; aggregates change exactly where the facts did.</summary>
public sealed class ImportUndoAndUnitsTests
{
    private const string UnitsHeader = "effective_date,action,code,name,short_name,kind,sector,parent_code,successor_code,note";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Undo_RemovesExactlyTheBatch_AndTheChecksumIsBackToBefore(DatabaseProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        var before = await bed.StateAsync();
        var imported = await bed.ImportAsync("meetings", "q3.csv", MeetingsFile(MeetingRow("C1", 7, 10), MeetingRow("C2", 8, 10, 8, 8)));
        var membership = await bed.ImportAsync("membership", "m.csv", "unit_code,quarter,members,exempt,probationary,women,ethnic_minority\nC1,2024-Q4,25,3,0,0,0\n");
        Assert.Equal(ImportOutcome.Imported, membership.Report.Outcome);

        await bed.Undo.UndoAsync(membership.Report.BatchId!.Value, Admin, Ct);
        var result = await bed.Undo.UndoAsync(imported.Report.BatchId!.Value, Admin, Ct);

        Assert.Equal(2, result.Removed);
        var after = await bed.StateAsync();
        Assert.Equal(before.Checksum, after.Checksum);
        Assert.Equal(before.FactSources, after.FactSources);
        await using var db = bed.Database.CreateContext();
        Assert.All(await db.ImportBatches.ToListAsync(Ct), b => Assert.Equal((ImportBatchStatus.Undone, "admin@test"), (b.Status, b.UndoneBy)));
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Action == AuditAction.UndoImport, Ct));
        await Assert.ThrowsAsync<ImportRefusedException>(() => bed.Undo.UndoAsync(imported.Report.BatchId!.Value, Admin, Ct));
    }

    [Fact]
    public async Task Undo_ByANonAdmin_IsRefused_AndNothingChanges()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var imported = await bed.ImportAsync("meetings", "q3.csv", MeetingsFile(MeetingRow("C1", 7, 10)));
        var after = await bed.StateAsync();

        await Assert.ThrowsAsync<ImportRefusedException>(() => bed.Undo.UndoAsync(imported.Report.BatchId!.Value, Board, Ct));

        Assert.Equal(after, await bed.StateAsync());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task UnitsFile_BuildsVersionsAndLineage_AndUndoIsRefusedWhileLaterDataDependsOnIt(DatabaseProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        var before = await bed.StateAsync();
        var units = string.Join("\n",
            UnitsHeader,
            "01/01/2026,new,G2,Đảng bộ xã Mới,Xã Mới,grassroots_committee,commune,D,,",
            "01/01/2026,new,C3,Chi bộ ấp 3,Ấp 3,cell,hamlet,G2,,",
            "01/04/2026,rename,C3,Chi bộ ấp Ba,,,,,,",
            "01/04/2026,move,C2,,,,,G2,,QĐ 7",
            "01/07/2026,move,C2,,,,,G,,",
            "01/07/2026,merge,C3,,,,,,C2,",
            "");

        var result = await bed.ImportAsync("units", "units.csv", units);

        Assert.Equal(ImportOutcome.Imported, result.Report.Outcome);
        Assert.Equal((2, 4), (result.Report.Added, result.Report.Changed));
        Assert.Contains("2026-Q1", result.Report.Quarters);
        Assert.Contains("2026-Q4", result.Report.Quarters);
        await using (var db = bed.Database.CreateContext())
        {
            var c3 = await db.Units.Include(u => u.Versions).SingleAsync(u => u.Code == "C3", Ct);
            Assert.Equal(new DateOnly(2026, 7, 1), c3.ValidTo);
            var names = c3.Versions.OrderBy(v => v.ValidFrom).Select(v => (v.Name, v.ShortName, v.ValidFrom, v.ValidTo)).ToList();
            Assert.Equal([("Chi bộ ấp 3", "Ấp 3", new DateOnly(2026, 1, 1), (DateOnly?)new DateOnly(2026, 4, 1)),
                ("Chi bộ ấp Ba", "Ấp 3", new DateOnly(2026, 4, 1), new DateOnly(2026, 7, 1))], names);
            var c2 = await db.Units.Include(u => u.Versions).SingleAsync(u => u.Code == "C2", Ct);
            var g = await bed.UnitIdAsync("G");
            var g2 = await bed.UnitIdAsync("G2");
            Assert.Equal([(g, (DateOnly?)new DateOnly(2026, 4, 1)), (g2, new DateOnly(2026, 7, 1)), (g, null)],
                c2.Versions.OrderBy(v => v.ValidFrom).Select(v => (v.ParentId!.Value, v.ValidTo)).ToList());
            var lineage = await db.LineageEvents.Where(e => e.SourceId == c3.SourceId).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync(Ct);
            Assert.Equal([LineageKind.Rename, LineageKind.Move, LineageKind.Move, LineageKind.Merge], lineage);
        }

        var again = await bed.ImportAsync("units", "units.csv", units);
        Assert.Equal((ImportOutcome.NothingNew, 6), (again.Report.Outcome, again.Report.AlreadyStored));

        var meetings = await bed.ImportAsync("meetings", "g2.csv", MeetingsFile(MeetingRow("C3", 5, 5)));
        Assert.Equal(ImportOutcome.Imported, meetings.Report.Outcome);
        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => bed.Undo.UndoAsync(result.Report.BatchId!.Value, Admin, Ct));
        Assert.Contains("1 meetings", refused.Message, StringComparison.Ordinal);

        await bed.Undo.UndoAsync(meetings.Report.BatchId!.Value, Admin, Ct);
        await bed.Undo.UndoAsync(result.Report.BatchId!.Value, Admin, Ct);
        Assert.Equal(before.Checksum, (await bed.StateAsync()).Checksum);
    }

    [Fact]
    public async Task UnitsFile_CanBuildAProvinceFromAnEmptyDatabase()
    {
        await using var tb = await CreateAsync(DatabaseProvider.Sqlite, tinyProvince: false);
        var file = string.Join("\n",
            UnitsHeader,
            "2021-01-01,new,TV,Đảng bộ tỉnh Trà Vinh,Trà Vinh,province,none,,,",
            "2021-01-01,new,TV-TC,Đảng bộ huyện Tiểu Cần,Tiểu Cần,upper_committee,district,TV,,",
            "2021-01-01,new,TV-TC-HH,Đảng bộ xã Hiếu Tử,Hiếu Tử,grassroots_committee,commune,TV-TC,,",
            "2021-01-01,new,TV-TC-HH-1,Chi bộ ấp 1,Ấp 1,cell,hamlet,TV-TC-HH,,",
            "2025-07-01,move,TV-TC-HH,,,,,TV,,QĐ 294",
            "2025-07-01,dissolve,TV-TC,,,,,,,",
            "");

        var result = await tb.ImportAsync("units", "province.csv", file);

        Assert.Equal(ImportOutcome.Imported, result.Report.Outcome);
        var tree2024 = await new OrgTreeService(tb.Database.Contexts).GetTreeAsync(new Quarter(2024, 4), Ct);
        var tree2025 = await new OrgTreeService(tb.Database.Contexts).GetTreeAsync(new Quarter(2025, 3), Ct);
        Assert.Equal(["TV", "TV-TC", "TV-TC-HH", "TV-TC-HH-1"], tree2024.PathTo(tree2024.Find("TV-TC-HH-1")!.Id).Select(n => n.Code));
        Assert.Equal(["TV", "TV-TC-HH", "TV-TC-HH-1"], tree2025.PathTo(tree2025.Find("TV-TC-HH-1")!.Id).Select(n => n.Code));
        Assert.Null(tree2025.Find("TV-TC"));
    }

    [Fact]
    public async Task Dissolve_OfAUnitWithChildren_IsRejected_NamingThem()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var before = await bed.StateAsync();

        var result = await bed.ImportAsync("units", "u.csv", UnitsHeader + "\n01/07/2026,dissolve,G,,,,,,,\n");

        var problem = Assert.Single(result.AllProblems);
        Assert.Equal((2, "code", "HasChildren"), (problem.Row, problem.Column, problem.Code));
        Assert.Contains("C1, C2", problem.Message, StringComparison.Ordinal);
        Assert.Equal(before, await bed.StateAsync());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ValidImport_ChangesExactlyTheExpectedAggregates(DatabaseProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        var quarter = new Quarter(2026, 3);
        await bed.Aggregates.RecomputeAsync(quarter, Ct);
        var beforeRows = await MetricsAsync(bed, quarter);

        await bed.ImportAsync("meetings", "q3.csv", MeetingsFile(MeetingRow("C1", 7, 10, 18, 17), MeetingRow("C1", 8, 10, 18, 15)));
        await bed.Aggregates.RecomputeAsync(quarter, Ct);
        var afterRows = await MetricsAsync(bed, quarter);

        var changed = afterRows.Where(kv => !beforeRows.TryGetValue(kv.Key, out var old) || old != kv.Value).Select(kv => kv.Key).ToList();
        var ids = new HashSet<int>();
        foreach (var code in new[] { "P", "D", "G", "C1" })
        {
            ids.Add(await bed.UnitIdAsync(code));
        }

        Assert.NotEmpty(changed);
        Assert.All(changed, k => Assert.Contains(k.Unit, ids));
        Assert.All(changed, k => Assert.True(k.Key.StartsWith("meetings.", StringComparison.Ordinal) || k.Key.StartsWith("attendance.", StringComparison.Ordinal), k.Key));
        var c1 = await bed.UnitIdAsync("C1");
        Assert.Equal((32.0, 36.0), afterRows[(c1, "attendance.rate")]);
        Assert.Equal(afterRows[(c1, "attendance.rate")], afterRows[(await bed.UnitIdAsync("P"), "attendance.rate")]);
    }

    private static async Task<Dictionary<(int Unit, string Key), (double, double)>> MetricsAsync(ImportTestBed bed, Quarter quarter)
    {
        await using var db = bed.Database.CreateContext();
        return await db.Metrics.Where(m => m.QuarterKey == quarter.Key).ToDictionaryAsync(m => (m.UnitId, m.Key), m => (m.Numerator, m.Denominator), Ct);
    }
}
