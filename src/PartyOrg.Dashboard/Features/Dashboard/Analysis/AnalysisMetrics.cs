using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Surveys;

namespace PartyOrg.Dashboard.Features.Dashboard.Analysis;

/// <summary>
/// The figures of the attendance and surveys pages. Their labels are keys of <c>AnalysisText.resx</c>;
/// a survey question's label is built from its number and text (<see cref="QuestionNumber"/>).
/// </summary>
public static class AnalysisMetrics
{
    public static IReadOnlyList<DashboardMetric> Attendance { get; } =
    [
        new(MetricKeys.AttendanceRate, "MetricAttendanceRate", MetricKind.Rate, 100),
        new(MetricKeys.QualityShare, "MetricQualityShare", MetricKind.Rate, 100),
        new(MetricKeys.Regularity, "MetricRegularity", MetricKind.Rate, 100),
        new(MetricKeys.ThematicCoverage, "MetricThematicCoverage", MetricKind.Rate, 100),
        new(MetricKeys.DurationCompliance, "MetricDurationCompliance", MetricKind.Rate, 100),
        new(MetricKeys.DocumentsAhead, "MetricDocumentsAhead", MetricKind.Rate, 100),
        new(MetricKeys.UpperLevelPresence, "MetricUpperLevelPresence", MetricKind.Rate, 100),
    ];

    public static DashboardMetric SurveyIndex { get; } = new(MetricKeys.SurveyIndex, "MetricSurveyIndex", MetricKind.Rate, 1);

    public static DashboardMetric ResponseRate { get; } = new(MetricKeys.SurveyResponseRate, "MetricResponseRate", MetricKind.Rate, 100);

    public static DashboardMetric Responses { get; } = new(MetricKeys.SurveyResponses, "MetricResponses", MetricKind.Count, 1);

    /// <summary>The index, the response rate, then the favourable share of each question.</summary>
    public static IReadOnlyList<DashboardMetric> Surveys { get; } =
    [
        SurveyIndex,
        ResponseRate,
        .. Questionnaire.Questions.Select(q => new DashboardMetric(
            MetricKeys.SurveyFavourable(q.Number), "MetricQuestion", MetricKind.Rate, 100, Name: q.TextVi, NameEn: q.TextEn)),
    ];

    /// <summary>The question a favourable-share metric belongs to; null for other metrics.</summary>
    public static int? QuestionNumber(DashboardMetric metric) =>
        metric.Key.StartsWith(MetricKeys.SurveyFavourablePrefix, StringComparison.Ordinal)
            && int.TryParse(metric.Key.AsSpan(MetricKeys.SurveyFavourablePrefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    /// <summary>The metric named by the URL, or the list's first when it names none of them.</summary>
    public static DashboardMetric Choose(IReadOnlyList<DashboardMetric> metrics, string? key) =>
        metrics.FirstOrDefault(m => m.Key == key) ?? metrics[0];
}
