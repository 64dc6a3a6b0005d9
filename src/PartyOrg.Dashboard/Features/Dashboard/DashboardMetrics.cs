using PartyOrg.Dashboard.Features.Aggregates;

namespace PartyOrg.Dashboard.Features.Dashboard;

public enum MetricKind
{
    /// <summary>A number of members or units: 45.622.</summary>
    Count = 1,

    /// <summary>A share shown as a percentage (94,2 %); its changes are percentage points.</summary>
    Rate = 2,
}

/// <summary>
/// A figure the dashboard shows. <paramref name="Scale"/> turns the stored value into what is shown:
/// 100 for shares stored as 0–1, 1 for counts and for the survey index (already 0–100).
/// </summary>
/// <param name="LabelKey">Key of its label in <c>Ui.resx</c>; a practice carries its own names instead.</param>
public sealed record DashboardMetric(
    string Key,
    string LabelKey,
    MetricKind Kind,
    double Scale,
    bool HigherIsBetter = true,
    string? Name = null,
    string? NameEn = null);

/// <summary>The figures of the dashboard: the KPI cards, in order, and what the bar chart can sort by.</summary>
public static class DashboardMetrics
{
    /// <summary>Not stored: the mean of the practices' coverages that are defined for a unit.</summary>
    public const string CoverageAverage = "practices.coverage";

    public static DashboardMetric MembersTotal { get; } = new(MetricKeys.MembersTotal, "KpiMembers", MetricKind.Count, 1);

    public static DashboardMetric MembersEligible { get; } = new(MetricKeys.MembersEligible, "KpiEligible", MetricKind.Count, 1);

    public static DashboardMetric AttendanceRate { get; } = new(MetricKeys.AttendanceRate, "MetricAttendanceRate", MetricKind.Rate, 100);

    public static DashboardMetric QualityShare { get; } = new(MetricKeys.QualityShare, "MetricQualityShare", MetricKind.Rate, 100);

    public static DashboardMetric Regularity { get; } = new(MetricKeys.Regularity, "MetricRegularity", MetricKind.Rate, 100);

    public static DashboardMetric SurveyIndex { get; } = new(MetricKeys.SurveyIndex, "MetricSurveyIndex", MetricKind.Rate, 1);

    public static DashboardMetric Coverage { get; } = new(CoverageAverage, "MetricCoverage", MetricKind.Rate, 100);

    public static IReadOnlyList<DashboardMetric> Kpis { get; } =
        [MembersTotal, MembersEligible, AttendanceRate, QualityShare, Regularity, SurveyIndex, Coverage];

    /// <summary>The bar chart's metric when the URL names none (or one that does not exist).</summary>
    public static DashboardMetric Default => AttendanceRate;

    public static DashboardMetric Practice(string code, string name, string nameEn) =>
        new(MetricKeys.PracticeCoverage(code), "MetricCoverage", MetricKind.Rate, 100, Name: name, NameEn: nameEn);

    /// <summary>The grade shares of the stacked bar, best first.</summary>
    public static IReadOnlyList<string> Grades { get; } =
        [MetricKeys.GradeTot, MetricKeys.GradeKha, MetricKeys.GradeTrungBinh, MetricKeys.GradeKem];
}
