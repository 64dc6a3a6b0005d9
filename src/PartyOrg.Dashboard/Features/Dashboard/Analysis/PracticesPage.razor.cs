using System.Globalization;
using System.Security.Claims;
using PartyOrg.Dashboard.Components.Charts;
using PartyOrg.Dashboard.Features.Aggregates;

namespace PartyOrg.Dashboard.Features.Dashboard.Analysis;

/// <summary>
/// The catalogue of models and practices and how far they have spread below a unit: a heatmap of models ×
/// children (coverage, or units adopting; click a cell to open that child's page for the same quarter),
/// the units adopting each model quarter by quarter, and each model's coverage curve (legend toggles lines).
/// </summary>
public sealed partial class PracticesPage
{
    /// <summary>The heatmap's measures (<c>?metric=</c>): coverage in percent, or the number of units adopting.</summary>
    public const string Coverage = "coverage";

    public const string Adopting = "adopting";

    private IReadOnlyList<string> _childCategories = [];
    private IReadOnlyList<ChartSeries> _heatmapSeries = [];
    private IReadOnlyList<string> _quarterCategories = [];
    private IReadOnlyList<ChartSeries> _timelineSeries = [];
    private IReadOnlyList<ChartSeries> _curveSeries = [];

    protected override string PagePath => "/practices";

    private string HeatmapMeasure => MetricText == Adopting ? Adopting : Coverage;

    private int HeatmapHeight => 60 + 30 * (Answer?.View?.Catalogue.Count ?? 0);

    protected override Task<AnalysisAnswer<PracticesView>> LoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Analysis.GetPracticesAsync(user, UnitText, Quarter, cancellationToken);

    protected override void Loaded(PracticesView? view)
    {
        if (view is null)
        {
            return;
        }

        _childCategories = view.Children.Select(c => c.Unit.ShortName).ToList();
        // ApexCharts draws a heatmap's first series at the bottom: fed in reverse, the catalogue reads top-down.
        _heatmapSeries = view.Catalogue
            .Select(p => new ChartSeries(p.Code, view.Children.Select(c => HeatmapValue(c.Metrics[MetricKeys.PracticeCoverage(p.Code)])).ToList()))
            .Reverse()
            .ToList();
        _quarterCategories = view.Quarters.Select(q => q.ToDisplayString(CultureInfo.CurrentCulture)).ToList();
        _timelineSeries = view.Catalogue.Zip(view.Adopting, (p, s) => new ChartSeries(p.Code, s.Values)).ToList();
        _curveSeries = view.Catalogue.Zip(view.Coverage, (p, s) => new ChartSeries(p.Code, s.Values)).ToList();
    }

    private double? HeatmapValue(Metric metric) => HeatmapMeasure == Adopting
        ? (metric.Denominator is > 0 ? metric.Numerator : null)
        : metric.Value * 100;

    private static DashboardMetric CoverageOf(string code) => DashboardMetrics.Practice(code, code, code);

    private string MeasureLabel(string measure) => measure == Adopting ? L["HeatmapAdopting"] : L["HeatmapCoverage"];

    /// <summary>A heatmap cell: its column is the child.</summary>
    private void DrillDown(ChartPointSelection selection)
    {
        if (Answer?.View?.Children.ElementAtOrDefault(selection.PointIndex) is { } child)
        {
            OpenUnit(child.Unit.Code);
        }
    }
}
