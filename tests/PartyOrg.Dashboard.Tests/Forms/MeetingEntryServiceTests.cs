using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Forms;

/// <summary>The meeting form's save service on a real database (SQLite and PostgreSQL).</summary>
public sealed class MeetingEntryServiceTests : VietnameseTest
{
    private static readonly Quarter Q4 = FormsFixture.Q4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A thematic meeting of C1 on 20/12/2024: valid, and the first thematic one of the quarter.</summary>
    private static MeetingInput Thematic(string unit = "C1") => new()
    {
        UnitCode = unit,
        Date = new DateOnly(2024, 12, 20),
        Kind = MeetingKind.Thematic,
        Mode = MeetingMode.InPerson,
        DurationMinutes = 120,
        DocumentsAhead = true,
        Expected = 18,
        Present = 16,
        AbsentWithReason = 2,
        Speakers = 4,
        Score = 92,
    };

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_valid_meeting_is_stored_with_a_form_source_an_audit_line_a_new_data_version_and_a_queued_recompute(DatabaseProvider provider)
    {
        await using var f = await FormsFixture.CreateAsync(provider);
        var versionBefore = await f.DataVersionAsync(Q4);

        var result = await f.Meetings.SaveAsync(FormsFixture.DistrictEditor, null, Thematic(), Ct);

        Assert.True(result.Saved, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.True(result.Created);
        var (meeting, source) = await f.WithContextAsync(async db =>
        {
            var m = await db.Meetings.AsNoTracking().SingleAsync(x => x.Id == result.MeetingId, Ct);
            return (m, await db.FactSources.AsNoTracking().SingleAsync(s => s.Id == m.SourceId, Ct));
        });
        Assert.Equal((await f.UnitIdAsync("C1"), new DateOnly(2024, 12, 20), MeetingKind.Thematic, 16, 92), (meeting.UnitId, meeting.Date, meeting.Kind, meeting.Present, meeting.Score));
        Assert.Equal(FactSourceKind.FormEntry, source.Kind);
        Assert.Equal("huyen@demo.test", source.CreatedBy);
        Assert.Equal("Biểu mẫu: sinh hoạt chi bộ C1 20/12/2024", source.Label);
        var line = Assert.Single(await f.AuditAsync());
        Assert.Equal((AuditAction.MeetingForm, "huyen@demo.test", source.Id, 1, 0), (line.Action, line.Actor, line.SourceId, line.Added, line.Changed));
        Assert.StartsWith("C1 20/12/2024 Thematic", line.Subject, StringComparison.Ordinal);
        Assert.Equal(versionBefore + 1, await f.DataVersionAsync(Q4));
        var job = Assert.Single(f.Jobs.Created);
        Assert.Equal((nameof(AggregateJobs.RecomputeAsync), (object)Q4.Key), (job.Method.Name, job.Args[0]));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task After_the_save_and_the_recompute_the_cells_thematic_coverage_counts_the_new_meeting(DatabaseProvider provider)
    {
        await using var f = await FormsFixture.CreateAsync(provider);
        Assert.Equal(0.0, await f.MetricAfterRecomputeAsync("G", MetricKeys.ThematicCoverage, Q4));

        Assert.True((await f.Meetings.SaveAsync(FormsFixture.DistrictEditor, null, Thematic(), Ct)).Saved);

        Assert.Equal(0.5, await f.MetricAfterRecomputeAsync("G", MetricKeys.ThematicCoverage, Q4)); // C1 of C1, C2
        Assert.Equal(1.0, await f.MetricAfterRecomputeAsync("C1", MetricKeys.ThematicCoverage, Q4));
    }

    [Fact]
    public async Task A_correction_updates_the_meeting_in_place_and_audits_old_and_new_values()
    {
        await using var f = await FormsFixture.CreateAsync(DatabaseProvider.Sqlite);
        var id = (await f.Meetings.SaveAsync(FormsFixture.DistrictEditor, null, Thematic(), Ct)).MeetingId!.Value;
        var count = await f.WithContextAsync(db => db.Meetings.CountAsync(Ct));
        f.Jobs.Created.Clear();

        var result = await f.Meetings.SaveAsync(FormsFixture.OrgBoard, id, Thematic() with { Date = new DateOnly(2025, 1, 3), Present = 17, AbsentWithReason = 1, Score = null }, Ct);

        Assert.True(result.Saved, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal((id, false), (result.MeetingId!.Value, result.Created));
        Assert.Equal(count, await f.WithContextAsync(db => db.Meetings.CountAsync(Ct)));
        var stored = await f.WithContextAsync(db => db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id, Ct));
        Assert.Equal((new DateOnly(2025, 1, 3), 17, (int?)null), (stored.Date, stored.Present, stored.Score));
        var line = (await f.AuditAsync())[^1];
        Assert.Equal((AuditAction.MeetingForm, "bantochuc@demo.test", 0, 1), (line.Action, line.Actor, line.Added, line.Changed));
        Assert.Contains("Date: 2024-12-20 → 2025-01-03", line.Details, StringComparison.Ordinal);
        Assert.Contains("Present: 16 → 17", line.Details, StringComparison.Ordinal);
        Assert.Contains("Score: 92 → -", line.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Expected", line.Details, StringComparison.Ordinal);
        // The meeting left 2024-Q4 and entered 2025-Q1: both are recomputed.
        Assert.Equal([Q4.Key, new Quarter(2025, 1).Key], f.Jobs.Created.Select(j => (int)j.Args[0]!).Order().ToArray());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_duplicate_of_the_same_cell_day_and_kind_is_refused_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var f = await FormsFixture.CreateAsync(provider);
        // TinyProvince holds a regular meeting of C1 on 10/10/2024.
        var before = await f.ChecksumAsync();

        var result = await f.Meetings.SaveAsync(FormsFixture.DistrictEditor, null, Thematic() with { Kind = MeetingKind.Regular, Date = new DateOnly(2024, 10, 10) }, Ct);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((nameof(MeetingInput.Date), "Chi bộ C1 đã có một cuộc sinh hoạt thường kỳ ngày 10/10/2024."), (problem.Field, problem.Message));
        Assert.Equal(before, await f.ChecksumAsync());
        Assert.Empty(await f.AuditAsync());
        Assert.Empty(f.Jobs.Created);
    }

    [Fact]
    public async Task Broken_rules_are_all_reported_per_field_and_nothing_is_written()
    {
        await using var f = await FormsFixture.CreateAsync(DatabaseProvider.Sqlite);
        var before = await f.ChecksumAsync();
        var version = await f.DataVersionAsync(Q4);

        var result = await f.Meetings.SaveAsync(FormsFixture.DistrictEditor, null, Thematic() with { Present = 20, DurationMinutes = 0, Score = 101 }, Ct);

        Assert.False(result.Saved);
        Assert.Equal(
            [nameof(MeetingInput.DurationMinutes), nameof(MeetingInput.Present), nameof(MeetingInput.Score)],
            result.Problems.Select(p => p.Field).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(result.Problems, p => p.Message == "Số có mặt (20) lớn hơn số phải dự (18).");
        Assert.Equal(before, await f.ChecksumAsync());
        Assert.Equal(version, await f.DataVersionAsync(Q4));
        Assert.Empty(await f.AuditAsync());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_district_editor_cannot_enter_a_meeting_outside_their_subtree(DatabaseProvider provider)
    {
        await using var f = await FormsFixture.CreateAsync(provider);
        var before = await f.ChecksumAsync();

        var result = await f.Meetings.SaveAsync(FormsFixture.DistrictEditor, null, Thematic("C3") with { Expected = 16, AbsentWithReason = 0 }, Ct);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((nameof(MeetingInput.UnitCode), "Chi bộ C3 không thuộc phạm vi của bạn vào ngày sinh hoạt."), (problem.Field, problem.Message));
        Assert.Equal(before, await f.ChecksumAsync());
        Assert.Empty(await f.AuditAsync());
        Assert.Empty(f.Jobs.Created);
    }

    [Fact]
    public async Task A_district_editor_cannot_correct_a_meeting_outside_their_subtree_even_into_it()
    {
        await using var f = await FormsFixture.CreateAsync(DatabaseProvider.Sqlite);
        var c3Meeting = (await f.Meetings.SaveAsync(FormsFixture.OrgBoard, null, Thematic("C3"), Ct)).MeetingId!.Value;
        var before = await f.ChecksumAsync();

        // A crafted request: the id of another district's meeting, the cell of their own.
        var result = await f.Meetings.SaveAsync(FormsFixture.DistrictEditor, c3Meeting, Thematic("C1"), Ct);

        Assert.Equal(nameof(MeetingInput.UnitCode), Assert.Single(result.Problems).Field);
        Assert.Equal(before, await f.ChecksumAsync());
        Assert.Null(await f.Meetings.LoadAsync(FormsFixture.DistrictEditor, c3Meeting, Ct));
        Assert.NotNull(await f.Meetings.LoadAsync(FormsFixture.OrgBoard, c3Meeting, Ct));
    }

    [Fact]
    public async Task A_standing_committee_member_cannot_save_and_sees_no_cells()
    {
        await using var f = await FormsFixture.CreateAsync(DatabaseProvider.Sqlite);
        var reader = FormsFixture.User("thuongvu@demo.test", PartyOrg.Dashboard.Features.Access.Roles.StandingCommittee);
        var before = await f.ChecksumAsync();

        var result = await f.Meetings.SaveAsync(reader, null, Thematic(), Ct);

        Assert.False(result.Saved);
        Assert.Equal(before, await f.ChecksumAsync());
        Assert.Empty(await f.Meetings.FindCellsAsync(reader, new DateOnly(2024, 12, 1), null, 10, Ct));
    }

    [Fact]
    public async Task The_cell_picker_offers_only_cells_of_the_editors_subtree()
    {
        await using var f = await FormsFixture.CreateAsync(DatabaseProvider.Sqlite);

        var editor = await f.Meetings.FindCellsAsync(FormsFixture.DistrictEditor, new DateOnly(2024, 12, 1), null, 10, Ct);
        var board = await f.Meetings.FindCellsAsync(FormsFixture.OrgBoard, new DateOnly(2024, 12, 1), "c", 10, Ct);

        Assert.Equal(["C1", "C2"], editor.Select(c => c.Code).ToArray());
        Assert.Equal(["C1", "C2", "C3"], board.Select(c => c.Code).ToArray());
    }

    [Fact]
    public async Task A_cells_meetings_of_the_quarter_are_listed_with_their_source_within_the_scope_only()
    {
        await using var f = await FormsFixture.CreateAsync(DatabaseProvider.Sqlite);
        await f.Meetings.SaveAsync(FormsFixture.DistrictEditor, null, Thematic(), Ct);

        var c1 = await f.Meetings.ListAsync(FormsFixture.DistrictEditor, "C1", Q4, Ct);
        var c3 = await f.Meetings.ListAsync(FormsFixture.DistrictEditor, "C3", Q4, Ct);

        Assert.NotNull(c1);
        Assert.Equal(
            [new DateOnly(2024, 10, 10), new DateOnly(2024, 11, 10), new DateOnly(2024, 12, 10), new DateOnly(2024, 12, 20)],
            c1.Select(m => m.Date).ToArray());
        Assert.Equal("Biểu mẫu: sinh hoạt chi bộ C1 20/12/2024", c1[^1].SourceLabel);
        Assert.Null(c3);
    }
}
