using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Meetings;

public enum MeetingKind
{
    /// <summary>Sinh hoạt thường kỳ (monthly).</summary>
    Regular = 1,

    /// <summary>Sinh hoạt chuyên đề (at least quarterly).</summary>
    Thematic = 2,

    /// <summary>Thường kỳ kết hợp chuyên đề (both in one sitting).</summary>
    Combined = 3,
}

public enum MeetingMode
{
    InPerson = 1,
    Online = 2,

    /// <summary>By party groups (tổ đảng).</summary>
    PartyGroups = 3,

    /// <summary>By cluster (nhóm, cụm) during social distancing.</summary>
    Cluster = 4,
}

/// <summary>A cell meeting with the fields of HD 12-HD/BTCTW and HD 42-HD/BTCTW.</summary>
public sealed class Meeting : IHasSource
{
    public int Id { get; set; }

    /// <summary>The cell (or grassroots cell) that met.</summary>
    public int UnitId { get; set; }

    public DateOnly Date { get; set; }

    public MeetingKind Kind { get; set; }

    public MeetingMode Mode { get; set; }

    public int DurationMinutes { get; set; }

    /// <summary>Time, place and documents went out at least one day ahead.</summary>
    public bool DocumentsAhead { get; set; }

    /// <summary>A member of the upper-level committee attended.</summary>
    public bool UpperLevelAttended { get; set; }

    /// <summary>Eligible members, plus exempt members who attended.</summary>
    public int Expected { get; set; }

    /// <summary>Present members, exempt attendees included.</summary>
    public int Present { get; set; }

    public int AbsentWithReason { get; set; }

    public int AbsentWithoutReason { get; set; }

    /// <summary>Exempt members who attended (counted in both Expected and Present).</summary>
    public int ExemptAttended { get; set; }

    public int Speakers { get; set; }

    /// <summary>The committee's 100-point rating, when one was given.</summary>
    public int? Score { get; set; }

    public int SourceId { get; set; }

    /// <summary>
    /// The source that created the meeting, once a correction (the meeting form) has moved <see cref="SourceId"/>
    /// to the correction's source; null while the meeting still belongs to the source that created it. Undoing
    /// the creating import looks here so that it never drops a hand-made correction silently.
    /// </summary>
    public int? OriginSourceId { get; set; }

    public List<MeetingAttendance> Attendance { get; set; } = [];
}

public enum AttendanceStatus
{
    Present = 1,
    AbsentWithReason = 2,
    AbsentWithoutReason = 3,
}

/// <summary>Optional per-member attendance, keyed by a pseudonymous member code (never a name).</summary>
public sealed class MeetingAttendance : IHasSource
{
    public int Id { get; set; }

    public int MeetingId { get; set; }

    public required string MemberCode { get; set; }

    public AttendanceStatus Status { get; set; }

    public int SourceId { get; set; }
}
