using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Infrastructure;
using static PartyOrg.Dashboard.Tests.Imports.ImportTestBed;

namespace PartyOrg.Dashboard.Tests.Imports;

/// <summary>The import pipeline end to end on a real database: all or nothing, twice adds nothing, dry run, audit, quarters.</summary>
public sealed class ImportServiceTests
{
    private static readonly string ValidMeetings = MeetingsFile(
        MeetingRow("C1", 7, 10), MeetingRow("C1", 8, 11), MeetingRow("C1", 9, 12),
        MeetingRow("C2", 7, 10, expected: 8, present: 8), MeetingRow("C2", 9, 20, expected: 8, present: 5, kind: "thematic"));

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ValidMeetingsFile_IsWrittenAsOneBatch_WithSourceAuditAndQuarterMarked(DatabaseProvider provider)
    {
        await using var bed = await CreateAsync(provider);

        var result = await bed.ImportAsync("meetings", "q3.csv", ValidMeetings);

        var report = result.Report;
        Assert.Equal(ImportOutcome.Imported, report.Outcome);
        Assert.Empty(result.AllProblems);
        Assert.Equal((5, 5, 0), (report.Rows, report.Added, report.AlreadyStored));
        Assert.Equal(["2026-Q3"], report.Quarters);
        await using var db = bed.Database.CreateContext();
        var batch = await db.ImportBatches.SingleAsync(Ct);
        Assert.Equal((report.BatchId, "meetings", "q3.csv", 5, ImportBatchStatus.Completed), (batch.Id, batch.Kind, batch.FileName, batch.Added, batch.Status));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(ValidMeetings))), batch.Sha256);
        var source = await db.FactSources.SingleAsync(s => s.Id == batch.SourceId, Ct);
        Assert.Equal((FactSourceKind.Import, "q3.csv (meetings)", "board@test"), (source.Kind, source.Label, source.CreatedBy));
        var meetings = await db.Meetings.Where(m => m.SourceId == source.Id).OrderBy(m => m.Date).ThenBy(m => m.UnitId).ToListAsync(Ct);
        Assert.Equal(5, meetings.Count);
        Assert.Equal(new DateOnly(2026, 7, 10), meetings[0].Date);
        Assert.Contains(meetings, m => m.Kind == MeetingKind.Thematic && m.Present == 5 && m.AbsentWithReason == 3);
        var audit = await db.AuditLog.SingleAsync(Ct);
        Assert.Equal((AuditAction.Import, "board@test", 5, source.Id), (audit.Action, audit.Actor, audit.Added, audit.SourceId));
        Assert.True(await db.QuarterStates.AnyAsync(s => s.QuarterKey == 20263, Ct));
        Assert.Equal(["RecomputeAsync(20263)"], bed.EnqueuedJobs);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SameFileTwice_AddsNothingTheSecondTime(DatabaseProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        await bed.ImportAsync("meetings", "q3.csv", ValidMeetings);
        var after = await bed.StateAsync();

        var again = await bed.ImportAsync("meetings", "q3-copy.csv", ValidMeetings);

        Assert.Equal(ImportOutcome.NothingNew, again.Report.Outcome);
        Assert.Equal((0, 5), (again.Report.Added, again.Report.AlreadyStored));
        Assert.Equal(after, await bed.StateAsync());
    }

    [Fact]
    public async Task DryRun_ReportsWhatWouldBeAdded_AndWritesNothing()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var before = await bed.StateAsync();

        var result = await bed.ImportAsync("meetings", "q3.csv", ValidMeetings, dryRun: true);

        Assert.Equal(ImportOutcome.Previewed, result.Report.Outcome);
        Assert.Equal(5, result.Report.Added);
        Assert.Equal(before, await bed.StateAsync());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task OneBadRowAmongGoodOnes_WritesNothing(DatabaseProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        var before = await bed.StateAsync();

        var result = await bed.ImportAsync("meetings", "q3.csv", MeetingsFile(MeetingRow("C1", 7, 10), MeetingRow("C1", 8, 11, expected: 18, present: 19).Replace(",19,-1,", ",19,0,", StringComparison.Ordinal), MeetingRow("C2", 7, 10)));

        Assert.Equal(ImportOutcome.Rejected, result.Report.Outcome);
        var problem = Assert.Single(result.AllProblems);
        Assert.Equal((3, "present"), (problem.Row, problem.Column));
        Assert.Equal(before, await bed.StateAsync());
    }

    [Fact]
    public async Task SemicolonBomCrlfAndNfd_AreRead_AndTextIsStoredNfc()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var name = "Chi bộ ấp Chợ Dưới".Normalize(NormalizationForm.FormD);
        var csv = "effective_date;action;code;name;short_name;kind;sector;parent_code;successor_code;note\r\n"
            + $"2026-07-01;new;C9;\"{name}\";;cell;hamlet;G;;\"QĐ 12; ngày 01/07\"\r\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();

        var result = await bed.ImportAsync("units", "units.csv", bytes);

        Assert.Equal(ImportOutcome.Imported, result.Report.Outcome);
        await using var db = bed.Database.CreateContext();
        var version = await db.UnitVersions.SingleAsync(v => v.Unit!.Code == "C9", Ct);
        Assert.Equal("Chi bộ ấp Chợ Dưới".Normalize(NormalizationForm.FormC), version.Name);
        Assert.True(version.Name.IsNormalized(NormalizationForm.FormC));
        Assert.Equal(new DateOnly(2026, 7, 1), version.ValidFrom);
    }

    [Fact]
    public async Task DecimalCommaScore_IsRead()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var row = MeetingRow("C1", 7, 10).Replace(",85", ",\"87,6\"", StringComparison.Ordinal);

        var result = await bed.ImportAsync("meetings", "q3.csv", MeetingsFile(row));

        Assert.Equal(ImportOutcome.Imported, result.Report.Outcome);
        await using var db = bed.Database.CreateContext();
        Assert.Equal(88, (await db.Meetings.SingleAsync(m => m.Date == new DateOnly(2026, 7, 10), Ct)).Score);
    }

    [Fact]
    public async Task FormulaLikeText_IsStoredAsTyped_NeverEvaluated()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var csv = "practice_code,unit_code,stage,started_on,ended_on,notes\nM04,C2,adopted,01/03/2026,,\"=HYPERLINK(\"\"http://x\"\")\"\n";

        var result = await bed.ImportAsync("adoptions", "a.csv", csv);

        Assert.Equal(ImportOutcome.Imported, result.Report.Outcome);
        await using var db = bed.Database.CreateContext();
        Assert.Equal("=HYPERLINK(\"http://x\")", (await db.Adoptions.SingleAsync(a => a.SourceId != 1, Ct)).Notes);
    }

    [Fact]
    public async Task XlsxTemplate_FilledIn_IsImported_FromTheNamedSheet()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var kind = ImportKinds.MeetingsKind;
        var template = ImportTemplates.Xlsx(kind);
        using (var read = new MemoryStream(template))
        {
            Assert.Equal([ImportTemplates.DataSheet, ImportTemplates.NotesSheet], MiniExcelLibs.MiniExcel.GetSheetNames(read));
        }

        var row = new Dictionary<string, object>
        {
            ["unit_code"] = "C1", ["date"] = new DateTime(2026, 8, 3), ["kind"] = "combined", ["mode"] = "online", ["duration_minutes"] = 125,
            ["documents_ahead"] = "có", ["upper_level_attended"] = "không", ["expected"] = 18, ["present"] = 18, ["absent_with_reason"] = 0,
            ["absent_without_reason"] = 0, ["exempt_attended"] = 1, ["speakers"] = 7, ["score"] = 92.0,
        };
        using var filled = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(filled, new Dictionary<string, object> { ["Cuộc họp"] = new[] { row } });

        var result = await bed.ImportAsync("meetings", "hop.xlsx", filled.ToArray(), sheet: "Cuộc họp");

        Assert.Equal(ImportOutcome.Imported, result.Report.Outcome);
        await using var db = bed.Database.CreateContext();
        var meeting = await db.Meetings.SingleAsync(m => m.Date == new DateOnly(2026, 8, 3), Ct);
        Assert.Equal((MeetingKind.Combined, MeetingMode.Online, 125, 92, 1), (meeting.Kind, meeting.Mode, meeting.DurationMinutes, meeting.Score, meeting.ExemptAttended));
    }

    [Fact]
    public async Task MessagesFollowTheUiCulture()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            var english = await bed.ImportAsync("meetings", "q3.csv", MeetingsFile(MeetingRow("XX", 7, 10)));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
            var vietnamese = await bed.ImportAsync("meetings", "q3.csv", MeetingsFile(MeetingRow("XX", 7, 10)));

            Assert.Contains("No unit has the code", english.AllProblems.First().Message, StringComparison.Ordinal);
            Assert.Contains("Không có đơn vị nào mang mã", vietnamese.AllProblems.First().Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public async Task MembershipRow_WithOtherFigures_ReplacesTheSnapshot_AsAChange()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var csv = "unit_code,quarter,members,exempt,probationary,women,ethnic_minority\nC1,2024-Q4,22,2,1,9,3\nC2,2024-Q4,8,0,0,0,0\nC2,2025-Q1,9,1,0,4,2\n";

        var result = await bed.ImportAsync("membership", "m.csv", csv);

        Assert.Equal(ImportOutcome.Imported, result.Report.Outcome);
        Assert.Equal((1, 1, 1), (result.Report.Added, result.Report.Changed, result.Report.AlreadyStored));
        Assert.Equal(2, Assert.Single(result.Report.Changes).Row);
        await using var db = bed.Database.CreateContext();
        var c1 = await bed.UnitIdAsync("C1");
        Assert.Equal(22, (await db.Memberships.SingleAsync(m => m.UnitId == c1 && m.QuarterKey == 20244, Ct)).Members);
    }
}
