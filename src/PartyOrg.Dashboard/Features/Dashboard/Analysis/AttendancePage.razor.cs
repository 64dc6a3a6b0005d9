using System.Globalization;
using System.Security.Claims;
using PartyOrg.Dashboard.Components.Charts;
using PartyOrg.Dashboard.Features.Aggregates;

namespace PartyOrg.Dashboard.Features.Dashboard.Analysis;

/// <summary>
/// Cell meetings of a unit and its children: attendance, quality, regularity, thematic coverage,
/// duration, documents ahead and upper-level presence; the chosen one by child (click a bar to open the
/// child's page) and over eight quarters; meeting grades of the unit (donut) and by child (stacked).
/// </summary>
public sealed partial class AttendancePage
{
    internal static readonly IReadOnlyList<string> GradeColors = ["#2E7D32", "#1565C0", "#F9A825", "#B71C1C"];
    private static readonly string[] GradeLabelKeys = ["GradeTot", "GradeKha", "GradeTrungBinh", "GradeKem"];

    private IReadOnlyList<string> _childCategories = [];
    private IReadOnlyList<ChartSeries> _childSeries = [];
    private IReadOnlyList<ChartSeries> _gradeSeries = [];
    private IReadOnlyList<string> _trendCategories = [];
    private IReadOnlyList<ChartSeries> _trendSeries = [];
    private List<string> _gradeLabels = [];
    private IReadOnlyList<ChartSeries> _gradeShare = [];

    protected override string PagePath => "/attendance";

    private int ChildCount => Answer?.View?.Children.Count ?? 0;

    /// <summary>Past a dozen children, bars run left to right so that every name can be read.</summary>
    private bool ManyChildren => ChildCount > 12;

    private int ChartHeight => ManyChildren ? Math.Max(340, 60 + 22 * ChildCount) : 340;

    protected override Task<AnalysisAnswer<AttendanceView>> LoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Analysis.GetAttendanceAsync(user, UnitText, Quarter, MetricText, cancellationToken);

    protected override void Loaded(AttendanceView? view)
    {
        if (view is null)
        {
            return;
        }

        _childCategories = view.Children.Select(c => c.Unit.ShortName).ToList();
        _childSeries = [new ChartSeries(Label(view.Metric), view.Children.Select(c => DashboardRules.Read(c.Metrics, view.Metric)).ToList())];
        _gradeLabels = GradeLabelKeys.Select(k => (string)L[k]).ToList();
        _gradeSeries = DashboardMetrics.Grades
            .Select((key, i) => new ChartSeries(_gradeLabels[i], view.Children.Select(c => c.Metrics[key].Value * 100).ToList()))
            .ToList();
        _gradeShare = [new ChartSeries(L["AttendanceGradeShare", view.Scope.Unit.ShortName, QuarterLabel], view.UnitGrades)];
        _trendCategories = view.TrendQuarters.Select(q => q.ToDisplayString(CultureInfo.CurrentCulture)).ToList();
        _trendSeries = [new ChartSeries(Label(view.Metric), view.Trend.Values)];
    }

    private void DrillDown(ChartPointSelection selection)
    {
        if (Answer?.View?.Children.ElementAtOrDefault(selection.PointIndex) is { } child)
        {
            OpenUnit(child.Unit.Code);
        }
    }

    private string MetricLabelOf(string key) =>
        AnalysisMetrics.Attendance.FirstOrDefault(m => m.Key == key) is { } metric ? Label(metric) : key;

    private static string TestIdOf(DashboardMetric metric) => "figure-" + metric.Key.Replace('.', '-').Replace('_', '-');
}
