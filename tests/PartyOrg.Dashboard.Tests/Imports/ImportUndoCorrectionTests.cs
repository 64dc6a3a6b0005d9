using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Features.Meetings.Entry;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Forms;
using PartyOrg.Dashboard.Tests.Infrastructure;
using static PartyOrg.Dashboard.Tests.Imports.ImportTestBed;

namespace PartyOrg.Dashboard.Tests.Imports;

/// <summary>
/// A meeting created by an import and corrected later through the meeting form: the meeting remembers the
/// batch that created it, and undoing that batch is refused, naming the cell, the date and who corrected it when.
/// </summary>
public sealed class ImportUndoCorrectionTests
{
    /// <summary>20/10/2026 09:30 in the province (02:30 UTC).</summary>
    private static readonly DateTimeOffset CorrectedAt = new(2026, 10, 20, 2, 30, 0, TimeSpan.Zero);

    private static MeetingEntryService Form(ImportTestBed bed)
    {
        var clock = new AppClock(new FakeTimeProvider(CorrectedAt));
        return new MeetingEntryService(bed.Database.Contexts, clock, new FactChanges(new AggregateScheduler(new RecordingJobClient()), clock), new AuditLog(clock), new ScopeResolver(new OrgTreeService(bed.Database.Contexts)));
    }

    private static async Task<int> MeetingIdAsync(ImportTestBed bed, string code, DateOnly date)
    {
        var unit = await bed.UnitIdAsync(code);
        await using var db = bed.Database.CreateContext();
        return await db.Meetings.Where(m => m.UnitId == unit && m.Date == date).Select(m => m.Id).SingleAsync(Ct);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Undo_OfABatchWhoseMeetingWasCorrectedByForm_IsRefused_NamingCellDateWhoAndWhen(DatabaseProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        var imported = await bed.ImportAsync("meetings", "q3.csv", MeetingsFile(MeetingRow("C1", 7, 10, 18, 16), MeetingRow("C2", 8, 12)));
        var batchId = imported.Report.BatchId!.Value;
        var form = Form(bed);
        var editor = FormsFixture.User("editor@test", Roles.DistrictEditor, "D");
        var id = await MeetingIdAsync(bed, "C1", new DateOnly(2026, 7, 10));
        var stored = (await form.LoadAsync(editor, id, Ct))!;

        var saved = await form.SaveAsync(editor, id, stored.Input with { Present = 17, AbsentWithReason = 1 }, Ct);
        Assert.True(saved.Saved, string.Join("; ", saved.Problems.Select(p => p.Message)));

        int importSource;
        await using (var db = bed.Database.CreateContext())
        {
            importSource = (await db.ImportBatches.SingleAsync(b => b.Id == batchId, Ct)).SourceId!.Value;
            var meeting = await db.Meetings.SingleAsync(m => m.Id == id, Ct);
            var formSource = await db.FactSources.SingleAsync(s => s.Id == meeting.SourceId, Ct);
            Assert.Equal((FactSourceKind.FormEntry, (int?)importSource, 17), (formSource.Kind, meeting.OriginSourceId, meeting.Present));
            var untouched = await db.Meetings.SingleAsync(m => m.Id != id && (m.SourceId == importSource || m.OriginSourceId == importSource), Ct);
            Assert.Equal((importSource, (int?)null), (untouched.SourceId, untouched.OriginSourceId));
        }

        var before = await bed.StateAsync();

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => bed.Undo.UndoAsync(batchId, Admin, Ct));

        Assert.Equal(
            $"Không thể hoàn tác lần nhập số {batchId}: 1 cuộc họp do lần nhập này tạo đã được sửa sau đó qua biểu mẫu "
            + "(chi bộ C1 ngày 10/07/2026, do editor@test sửa lúc 09:30 20/10/2026). Hoàn tác sẽ xoá mất các bản sửa đó; hãy đối chiếu với người đã sửa trước.",
            refused.Message);
        Assert.Equal(before, await bed.StateAsync());
        await using (var db = bed.Database.CreateContext())
        {
            Assert.Equal(ImportBatchStatus.Completed, (await db.ImportBatches.SingleAsync(b => b.Id == batchId, Ct)).Status);
            Assert.Equal(2, await db.Meetings.CountAsync(m => m.SourceId == importSource || m.OriginSourceId == importSource, Ct));
        }

        var english = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            var refusedInEnglish = await Assert.ThrowsAsync<ImportRefusedException>(() => bed.Undo.UndoAsync(batchId, Admin, Ct));
            Assert.Contains("cell C1 on 10/07/2026, corrected by editor@test at 20/10/2026 09:30", refusedInEnglish.Message, StringComparison.Ordinal);
            Assert.StartsWith($"Import batch {batchId} cannot be undone: 1 meeting(s) it created were corrected later through the meeting form", refusedInEnglish.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = english;
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ASecondCorrection_KeepsTheCreatingBatch_AndAFormEnteredMeetingHasNoOrigin(DatabaseProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        var imported = await bed.ImportAsync("meetings", "q3.csv", MeetingsFile(MeetingRow("C1", 7, 10)));
        var form = Form(bed);
        var board = FormsFixture.User("board@test", Roles.OrgBoard);
        var id = await MeetingIdAsync(bed, "C1", new DateOnly(2026, 7, 10));
        var input = (await form.LoadAsync(board, id, Ct))!.Input;
        Assert.True((await form.SaveAsync(board, id, input with { Speakers = 5 }, Ct)).Saved);
        Assert.True((await form.SaveAsync(board, id, input with { Speakers = 6 }, Ct)).Saved);
        var created = await form.SaveAsync(board, null, input with { Date = new DateOnly(2026, 8, 10) }, Ct);
        Assert.True(created.Saved, string.Join("; ", created.Problems.Select(p => p.Message)));

        await using var db = bed.Database.CreateContext();
        var importSource = (await db.ImportBatches.SingleAsync(Ct)).SourceId;
        var corrected = await db.Meetings.SingleAsync(m => m.Id == id, Ct);
        var entered = await db.Meetings.SingleAsync(m => m.Id == created.MeetingId, Ct);
        Assert.Equal((importSource, 6), (corrected.OriginSourceId, corrected.Speakers));
        Assert.NotEqual(importSource, corrected.SourceId);
        Assert.Null(entered.OriginSourceId);
        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => bed.Undo.UndoAsync(imported.Report.BatchId!.Value, Admin, Ct));
        Assert.Contains("chi bộ C1 ngày 10/07/2026, do board@test sửa lúc 09:30 20/10/2026", refused.Message, StringComparison.Ordinal);
    }
}
