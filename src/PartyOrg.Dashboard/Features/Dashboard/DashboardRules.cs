using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Dashboard;

public enum AttentionReason
{
    /// <summary>Attendance below <see cref="DashboardRules.AttendanceThreshold"/>.</summary>
    LowAttendance = 1,

    /// <summary>The survey index fell in each of the last two quarters.</summary>
    FallingSurvey = 2,

    /// <summary>Cells with fewer than 10 members.</summary>
    SmallCells = 3,
}

/// <summary>Why a unit needs attention, with the figure that says so (a percentage, or a count of cells).</summary>
public sealed record AttentionFinding(AttentionReason Reason, double Value);

public enum MeetingGrade
{
    Tot = 1,
    Kha = 2,
    TrungBinh = 3,
    Kem = 4,
}

/// <summary>The dashboard's rules that need no database: changes, attention, grades, averages.</summary>
public static class DashboardRules
{
    /// <summary>Attendance below 85 % needs attention (HD 12: a quality meeting has more than 85 %).</summary>
    public const double AttendanceThreshold = 85;

    /// <summary>Current − other, in the metric's shown unit (points for rates); null when either is missing.</summary>
    public static double? Delta(double? current, double? other) =>
        current is { } c && other is { } o ? Math.Round(c - o, 10) : null;

    /// <summary>Whether a change is good news: up for most figures, down for those where less is better.</summary>
    public static bool? IsGood(double? delta, DashboardMetric metric) =>
        delta is not { } d || Math.Abs(d) < 1e-9 ? null : d > 0 == metric.HigherIsBetter;

    /// <summary>A stored metric as shown: scaled (shares to percent), or the mean of the defined practice coverages.</summary>
    public static double? Read(IReadOnlyDictionary<string, Metric> values, DashboardMetric metric)
    {
        if (metric.Key == DashboardMetrics.CoverageAverage)
        {
            return Mean(values
                .Where(v => v.Key.StartsWith(MetricKeys.PracticeCoveragePrefix, StringComparison.Ordinal))
                .Select(v => v.Value.Value)) is { } mean ? mean * metric.Scale : null;
        }

        return values.TryGetValue(metric.Key, out var m) && m.Value is { } v ? v * metric.Scale : null;
    }

    /// <summary>The mean of the defined values; null when none is.</summary>
    public static double? Mean(IEnumerable<double?> values)
    {
        var defined = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return defined.Count == 0 ? null : defined.Average();
    }

    /// <summary>
    /// The reasons a unit needs attention. <paramref name="attendancePercent"/> and the survey indexes are
    /// shown values (0–100); the survey must have fallen from two quarters ago to last quarter and again to this one.
    /// </summary>
    public static IReadOnlyList<AttentionFinding> Attention(
        double? attendancePercent, double? smallCells, double? survey, double? surveyPrevious, double? surveyTwoBack)
    {
        var findings = new List<AttentionFinding>();
        if (attendancePercent is { } a && a < AttendanceThreshold)
        {
            findings.Add(new AttentionFinding(AttentionReason.LowAttendance, a));
        }

        if (survey is { } s && surveyPrevious is { } p && surveyTwoBack is { } t && s < p && p < t)
        {
            findings.Add(new AttentionFinding(AttentionReason.FallingSurvey, s - t));
        }

        if (smallCells is { } small && small > 0)
        {
            findings.Add(new AttentionFinding(AttentionReason.SmallCells, small));
        }

        return findings;
    }

    /// <summary>Tốt ≥ 90, Khá ≥ 70, Trung bình ≥ 50, Kém below (DOMAIN.md); null when the meeting was not scored.</summary>
    public static MeetingGrade? GradeOf(int? score) => score switch
    {
        null => null,
        >= 90 => MeetingGrade.Tot,
        >= 70 => MeetingGrade.Kha,
        >= 50 => MeetingGrade.TrungBinh,
        _ => MeetingGrade.Kem,
    };

    /// <summary>The last quarter at whose end a unit ending on <paramref name="effective"/> still existed.</summary>
    public static Quarter LastQuarterBefore(DateOnly effective)
    {
        var quarter = Quarter.Containing(effective.AddDays(-1));
        return quarter.End >= effective ? quarter.Previous : quarter;
    }

    /// <summary>The first quarter at whose end a unit starting on <paramref name="effective"/> existed.</summary>
    public static Quarter FirstQuarterFrom(DateOnly effective) => Quarter.Containing(effective);
}
