using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>
/// <c>attendance</c>: per-member attendance of a stored meeting, by pseudonymous member code. Natural key:
/// meeting + member code. The meeting (unit + date + kind) must already be stored.
/// </summary>
internal sealed class AttendanceImport : ImportHandler
{
    private readonly Dictionary<(int Meeting, string Member), int> _inFile = [];
    private readonly Dictionary<int, Dictionary<(int Unit, DateOnly Date, MeetingKind Kind), int>> _meetings = [];
    private readonly List<MeetingAttendance> _plan = [];
    private Dictionary<(int, string), AttendanceStatus>? _stored;

    public override ImportKind Kind => ImportKinds.AttendanceKind;

    public override async Task ValidateAsync(ImportCells cells, ImportContext context, CancellationToken ct)
    {
        var code = cells.Code("unit_code");
        var date = cells.Date("date");
        var kind = cells.Choice("kind");
        var member = cells.Code("member_code");
        var status = cells.Choice("status");
        if (date is not { } d || kind is null)
        {
            return;
        }

        var unit = context.Unit(cells, "unit_code", code, d);
        if (unit is null || cells.HasErrors)
        {
            return;
        }

        var quarter = Quarter.Containing(d);
        if (!_meetings.TryGetValue(quarter.Key, out var meetings))
        {
            var (start, end) = (quarter.Start, quarter.End);
            meetings = [];
            await foreach (var m in context.Db.Meetings.AsNoTracking().Where(m => m.Date >= start && m.Date <= end)
                .Select(m => new { m.Id, m.UnitId, m.Date, m.Kind }).AsAsyncEnumerable().WithCancellation(ct))
            {
                meetings.TryAdd((m.UnitId, m.Date, m.Kind), m.Id);
            }

            _meetings[quarter.Key] = meetings;
        }

        var meetingKind = (MeetingKind)(kind.Value + 1);
        if (!meetings.TryGetValue((unit.Id, d, meetingKind), out var meetingId))
        {
            cells.Error("date", "NoSuchMeeting", unit.Code, d, ImportKinds.MeetingKinds[kind.Value]);
            return;
        }

        if (FirstRow(_inFile, (meetingId, member!), cells.Row) is { } first)
        {
            cells.Error("member_code", "DuplicateInFile", first);
            return;
        }

        var newStatus = (AttendanceStatus)(status!.Value + 1);
        _stored ??= await context.Db.MeetingAttendance.AsNoTracking().ToDictionaryAsync(a => (a.MeetingId, a.MemberCode), a => a.Status, ct);
        if (_stored.TryGetValue((meetingId, member!), out var old))
        {
            if (old == newStatus)
            {
                AlreadyStored++;
            }
            else
            {
                cells.Error("status", "StoredDifferentAttendance", member, ImportKinds.AttendanceStatuses[(int)old - 1]);
            }

            return;
        }

        _plan.Add(new MeetingAttendance { MeetingId = meetingId, MemberCode = member!, Status = newStatus });
        QuarterKeys.Add(quarter.Key);
        Added++;
    }

    public override async Task WriteAsync(ImportWriteContext write, CancellationToken ct)
    {
        var id = await ImportWriteContext.NextIdAsync(write.Db.MeetingAttendance, a => a.Id, ct);
        foreach (var a in _plan)
        {
            a.Id = id++;
            a.SourceId = write.SourceId;
        }

        await write.WriteChunkedAsync(_plan, ct);
    }
}
