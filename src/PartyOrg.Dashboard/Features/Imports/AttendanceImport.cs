using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>
/// <c>attendance</c>: per-member attendance of a stored meeting, by pseudonymous member code. Natural key:
/// meeting + member code. The meeting (unit + date + kind) must already be stored.
/// </summary>
internal sealed class AttendanceImport(int spoolRows) : ImportHandler(spoolRows)
{
    private readonly Dictionary<(int Meeting, string Member), int> _inFile = [];
    private readonly Dictionary<int, Dictionary<(int Unit, DateOnly Date, MeetingKind Kind), int>> _meetings = [];
    private ImportSpool<MeetingAttendance>? _plan;
    private readonly Dictionary<int, Dictionary<(int Meeting, string Member), AttendanceStatus>> _stored = [];

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

            var stored = new Dictionary<(int, string), AttendanceStatus>();
            await foreach (var a in context.Db.MeetingAttendance.AsNoTracking()
                .Join(context.Db.Meetings.Where(m => m.Date >= start && m.Date <= end), a => a.MeetingId, m => m.Id, (a, m) => new { a.MeetingId, a.MemberCode, a.Status })
                .AsAsyncEnumerable().WithCancellation(ct))
            {
                stored.TryAdd((a.MeetingId, a.MemberCode), a.Status);
            }

            _meetings[quarter.Key] = meetings;
            _stored[quarter.Key] = stored;
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
        if (_stored[quarter.Key].TryGetValue((meetingId, member!), out var old))
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

        (_plan ??= NewSpool<MeetingAttendance>()).Add(new MeetingAttendance { MeetingId = meetingId, MemberCode = member!, Status = newStatus });
        QuarterKeys.Add(quarter.Key);
        Added++;
    }

    public override async Task WriteAsync(ImportWriteContext write, CancellationToken ct)
    {
        if (_plan is null)
        {
            return;
        }

        var id = await write.NextIdAsync<MeetingAttendance>(a => a.Id, ct);
        await write.WriteChunkedAsync(_plan, a =>
        {
            a.Id = id++;
            a.SourceId = write.SourceId;
        }, ct);
    }
}
