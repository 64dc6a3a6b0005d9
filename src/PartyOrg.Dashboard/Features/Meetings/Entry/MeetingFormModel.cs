namespace PartyOrg.Dashboard.Features.Meetings.Entry;

/// <summary>
/// What the meeting form binds to. Its properties carry the names of <see cref="MeetingInput"/>'s, so
/// that a <see cref="RuleProblem.Field"/> names the input that shows the problem.
/// </summary>
public sealed class MeetingFormModel
{
    /// <summary>The attendance counts, judged together by the rules.</summary>
    public static readonly IReadOnlySet<string> Counts = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(Expected), nameof(Present), nameof(AbsentWithReason), nameof(AbsentWithoutReason), nameof(ExemptAttended), nameof(Speakers),
    };

    public string? UnitCode { get; set; }

    public DateTime? Date { get; set; }

    public MeetingKind Kind { get; set; } = MeetingKind.Regular;

    public MeetingMode Mode { get; set; } = MeetingMode.InPerson;

    public int DurationMinutes { get; set; } = 90;

    public bool DocumentsAhead { get; set; }

    public bool UpperLevelAttended { get; set; }

    public int Expected { get; set; }

    public int Present { get; set; }

    public int AbsentWithReason { get; set; }

    public int AbsentWithoutReason { get; set; }

    public int ExemptAttended { get; set; }

    public int Speakers { get; set; }

    public int? Score { get; set; }

    public DateOnly? Day => Date is { } d ? DateOnly.FromDateTime(d) : null;

    public MeetingInput ToInput() => new()
    {
        UnitCode = UnitCode ?? string.Empty,
        Date = Day ?? default,
        Kind = Kind,
        Mode = Mode,
        DurationMinutes = DurationMinutes,
        DocumentsAhead = DocumentsAhead,
        UpperLevelAttended = UpperLevelAttended,
        Expected = Expected,
        Present = Present,
        AbsentWithReason = AbsentWithReason,
        AbsentWithoutReason = AbsentWithoutReason,
        ExemptAttended = ExemptAttended,
        Speakers = Speakers,
        Score = Score,
    };

    public static MeetingFormModel From(MeetingInput m) => new()
    {
        UnitCode = m.UnitCode,
        Date = m.Date.ToDateTime(TimeOnly.MinValue),
        Kind = m.Kind,
        Mode = m.Mode,
        DurationMinutes = m.DurationMinutes,
        DocumentsAhead = m.DocumentsAhead,
        UpperLevelAttended = m.UpperLevelAttended,
        Expected = m.Expected,
        Present = m.Present,
        AbsentWithReason = m.AbsentWithReason,
        AbsentWithoutReason = m.AbsentWithoutReason,
        ExemptAttended = m.ExemptAttended,
        Speakers = m.Speakers,
        Score = m.Score,
    };
}
