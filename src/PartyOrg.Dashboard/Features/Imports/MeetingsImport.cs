using System.Text;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>
/// <c>meetings</c>: one row per cell meeting, checked by <see cref="MeetingRules"/> (the same rules as the
/// form). Natural key: unit + date + kind. A row equal to a stored meeting is skipped as already stored;
/// a row with the same key and other figures is an error (corrections go through the meeting form).
/// </summary>
internal sealed class MeetingsImport(int spoolRows) : ImportHandler(spoolRows)
{
    private readonly Dictionary<int, Dictionary<(int Unit, DateOnly Date, MeetingKind Kind), Meeting>> _stored = [];
    private readonly Dictionary<(int Unit, DateOnly Date, MeetingKind Kind), int> _inFile = [];
    private ImportSpool<Meeting>? _plan;

    public override ImportKind Kind => ImportKinds.MeetingsKind;

    public static string ColumnOf(string field)
    {
        var builder = new StringBuilder();
        foreach (var c in field)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    public override async Task ValidateAsync(ImportCells cells, ImportContext context, CancellationToken ct)
    {
        var code = cells.Code("unit_code");
        var date = cells.Date("date");
        var kind = cells.Choice("kind");
        var mode = cells.Choice("mode");
        var duration = cells.Integer("duration_minutes");
        var documents = cells.Boolean("documents_ahead");
        var upper = cells.Boolean("upper_level_attended");
        var expected = cells.Integer("expected");
        var present = cells.Integer("present");
        var withReason = cells.Integer("absent_with_reason");
        var withoutReason = cells.Integer("absent_without_reason");
        var exempt = cells.Integer("exempt_attended");
        var speakers = cells.Integer("speakers");
        var scoreValue = cells.Decimal("score", required: false);
        int? score = scoreValue is { } s ? (int)Math.Round(s, MidpointRounding.AwayFromZero) : null;

        DirUnit? unit = null;
        if (code is not null)
        {
            unit = context.Units.Find(code);
            if (unit is not null && date is { } d && !context.InScope(unit, d))
            {
                cells.Error("unit_code", "OutOfScope", code, context.Actor.ScopeUnitCode);
                return;
            }
        }

        if (cells.HasErrors || code is null || date is null || kind is null || mode is null)
        {
            return;
        }

        var input = new MeetingInput
        {
            UnitCode = code, Date = date.Value, Kind = (MeetingKind)(kind.Value + 1), Mode = (MeetingMode)(mode.Value + 1),
            DurationMinutes = duration!.Value, DocumentsAhead = documents!.Value, UpperLevelAttended = upper!.Value,
            Expected = expected!.Value, Present = present!.Value, AbsentWithReason = withReason!.Value,
            AbsentWithoutReason = withoutReason!.Value, ExemptAttended = exempt!.Value, Speakers = speakers!.Value, Score = score,
        };
        var meetingUnit = unit is null ? null
            : new MeetingUnit(unit.Code, unit.VersionOnOrLast(input.Date)?.Kind ?? default, unit.ValidFrom, unit.ValidTo);
        foreach (var problem in MeetingRules.Check(input, meetingUnit, context.Today))
        {
            var column = ColumnOf(problem.Field);
            context.Problems.Add(new ImportProblem(cells.Row, column, cells.Raw(column), "MeetingRule." + problem.Field, problem.Message));
            cells.MarkError();
        }

        if (cells.HasErrors || unit is null)
        {
            return;
        }

        var key = (unit.Id, input.Date, input.Kind);
        if (FirstRow(_inFile, key, cells.Row) is { } first)
        {
            cells.Error("date", "DuplicateInFile", first);
            return;
        }

        var meeting = new Meeting
        {
            UnitId = unit.Id, Date = input.Date, Kind = input.Kind, Mode = input.Mode, DurationMinutes = input.DurationMinutes,
            DocumentsAhead = input.DocumentsAhead, UpperLevelAttended = input.UpperLevelAttended, Expected = input.Expected,
            Present = input.Present, AbsentWithReason = input.AbsentWithReason, AbsentWithoutReason = input.AbsentWithoutReason,
            ExemptAttended = input.ExemptAttended, Speakers = input.Speakers, Score = input.Score,
        };
        var quarter = Quarter.Containing(input.Date);
        var stored = await StoredAsync(context, quarter, ct);
        if (stored.TryGetValue(key, out var existing))
        {
            if (Same(existing, meeting))
            {
                AlreadyStored++;
                return;
            }

            cells.Error("date", "StoredDifferent", code, input.Date, input.Kind.ToString().ToLowerInvariant());
            return;
        }

        (_plan ??= NewSpool<Meeting>()).Add(meeting);
        QuarterKeys.Add(quarter.Key);
        Added++;
    }

    private async Task<Dictionary<(int, DateOnly, MeetingKind), Meeting>> StoredAsync(ImportContext context, Quarter quarter, CancellationToken ct)
    {
        if (!_stored.TryGetValue(quarter.Key, out var map))
        {
            var (start, end) = (quarter.Start, quarter.End);
            map = [];
            await foreach (var m in context.Db.Meetings.AsNoTracking().Where(m => m.Date >= start && m.Date <= end).AsAsyncEnumerable().WithCancellation(ct))
            {
                map.TryAdd((m.UnitId, m.Date, m.Kind), m);
            }

            _stored[quarter.Key] = map;
        }

        return map;
    }

    private static bool Same(Meeting a, Meeting b) =>
        a.Mode == b.Mode && a.DurationMinutes == b.DurationMinutes && a.DocumentsAhead == b.DocumentsAhead
        && a.UpperLevelAttended == b.UpperLevelAttended && a.Expected == b.Expected && a.Present == b.Present
        && a.AbsentWithReason == b.AbsentWithReason && a.AbsentWithoutReason == b.AbsentWithoutReason
        && a.ExemptAttended == b.ExemptAttended && a.Speakers == b.Speakers && a.Score == b.Score;

    public override async Task WriteAsync(ImportWriteContext write, CancellationToken ct)
    {
        if (_plan is null)
        {
            return;
        }

        var id = await write.NextIdAsync<Meeting>(m => m.Id, ct);
        await write.WriteChunkedAsync(_plan, meeting =>
        {
            meeting.Id = id++;
            meeting.SourceId = write.SourceId;
        }, ct);
    }
}
