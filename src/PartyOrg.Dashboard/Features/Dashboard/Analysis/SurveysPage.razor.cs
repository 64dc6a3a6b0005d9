using System.Globalization;
using System.Security.Claims;
using PartyOrg.Dashboard.Components.Charts;
using PartyOrg.Dashboard.Features.Aggregates;

namespace PartyOrg.Dashboard.Features.Dashboard.Analysis;

/// <summary>
/// The quarterly survey of a unit and its children: the index, the response rate, the favourable share
/// of each of the 11 questions, the chosen figure by child (click a bar to open the child's page) and the
/// trend. Results from fewer than 5 responses are never shown; the page says so in words.
/// </summary>
public sealed partial class SurveysPage
{
    private IReadOnlyList<string> _questionCategories = [];
    private IReadOnlyList<ChartSeries> _questionSeries = [];
    private IReadOnlyList<string> _childCategories = [];
    private IReadOnlyList<ChartSeries> _childSeries = [];
    private IReadOnlyList<string> _trendCategories = [];
    private IReadOnlyList<ChartSeries> _trendSeries = [];

    protected override string PagePath => "/surveys";

    private int ChildCount => Answer?.View?.Children.Count ?? 0;

    private bool ManyChildren => ChildCount > 12;

    private int ChartHeight => ManyChildren ? Math.Max(340, 60 + 22 * ChildCount) : 340;

    private int SuppressedChildren => Answer?.View?.Children.Count(c => c.Metrics[MetricKeys.SurveyIndex].Suppressed) ?? 0;

    protected override Task<AnalysisAnswer<SurveysView>> LoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Analysis.GetSurveysAsync(user, UnitText, Quarter, MetricText, cancellationToken);

    protected override void Loaded(SurveysView? view)
    {
        if (view is null)
        {
            return;
        }

        _questionCategories = view.Questions.Select(q => (string)L["QuestionShort", q.Number]).ToList();
        _questionSeries = [new ChartSeries(L["SurveyFavourable"], view.Questions.Select(q => q.FavourablePercent).ToList())];
        _childCategories = view.Children.Select(c => c.Unit.ShortName).ToList();
        _childSeries = [new ChartSeries(Label(view.Metric), view.Children.Select(c => DashboardRules.Read(c.Metrics, view.Metric)).ToList())];
        _trendCategories = view.TrendQuarters.Select(q => q.ToDisplayString(CultureInfo.CurrentCulture)).ToList();
        _trendSeries =
        [
            new ChartSeries(L["MetricSurveyIndex"], view.IndexTrend.Values),
            new ChartSeries(L["MetricResponseRate"], view.ResponseRateTrend.Values),
        ];
    }

    /// <summary>A share in percent from a stored value (<paramref name="scale"/>: 100 for 0–1 shares), or why there is none.</summary>
    private string Result(double? value, bool suppressed, double scale) => suppressed
        ? L["SurveySuppressed"]
        : value is null ? L["SurveyNoData"] : Percent(value * scale);

    private string Result(double? percent, bool suppressed) => Result(percent, suppressed, 1);

    private void DrillDown(ChartPointSelection selection)
    {
        if (Answer?.View?.Children.ElementAtOrDefault(selection.PointIndex) is { } child)
        {
            OpenUnit(child.Unit.Code);
        }
    }

    private string MetricLabelOf(string key) =>
        AnalysisMetrics.Surveys.FirstOrDefault(m => m.Key == key) is { } metric ? Label(metric) : key;
}
