using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Practices;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Dashboard.Analysis;

/// <summary>
/// The unit an analysis page looks at, within the user's scope: its path from the top of the scope, its
/// children in the quarter's tree and the freshness of the quarter's aggregates.
/// </summary>
public sealed record AnalysisScope(Quarter Quarter, UnitRef Unit, IReadOnlyList<UnitRef> Breadcrumbs, IReadOnlyList<UnitRef> Children, Freshness Freshness);

/// <summary>
/// What an analysis page gets: the figures, or why there are none (see <see cref="DashboardStatus"/>); with
/// <see cref="DashboardStatus.SeveralUnits"/>, the units of the user's scope to choose from.
/// </summary>
public sealed record AnalysisAnswer<T>(DashboardStatus Status, T? View, ScopeLanding? Landing = null)
    where T : class;

/// <summary>A child and some of its stored metrics (read them as shown with <see cref="DashboardRules.Read"/>).</summary>
public sealed record ChildValues(UnitRef Unit, IReadOnlyDictionary<string, Metric> Metrics);

/// <summary>One series over quarters: a value per quarter (null: no figure), in the shown unit.</summary>
public sealed record QuarterSeries(string Key, IReadOnlyList<double?> Values);

/// <summary>The attendance page: the meeting metrics of the unit and its children, the chosen one's trend, grades.</summary>
public sealed record AttendanceView(
    AnalysisScope Scope,
    DashboardMetric Metric,
    IReadOnlyList<DashboardMetric> Metrics,
    IReadOnlyDictionary<string, Metric> UnitValues,
    IReadOnlyList<ChildValues> Children,
    IReadOnlyList<Quarter> TrendQuarters,
    QuarterSeries Trend,
    IReadOnlyList<double?> UnitGrades);

/// <summary>The surveys page: the unit's index, response rate and 11 favourable shares; children; trend.</summary>
public sealed record SurveysView(
    AnalysisScope Scope,
    DashboardMetric Metric,
    IReadOnlyList<DashboardMetric> Metrics,
    double? Responses,
    double? ResponseRate,
    double? Index,
    bool Suppressed,
    IReadOnlyList<SurveyQuestionResult> Questions,
    IReadOnlyList<ChildValues> Children,
    IReadOnlyList<Quarter> TrendQuarters,
    QuarterSeries IndexTrend,
    QuarterSeries ResponseRateTrend);

/// <summary>A model or practice of the catalogue, with the unit it started in.</summary>
public sealed record CatalogueEntry(string Code, string Name, string NameEn, string Description, string? OriginUnit, DateOnly OriginDate, PracticeTarget Target);

/// <summary>
/// The practices page: the catalogue; coverage (percent) and adopting units of every model in every child
/// (the heatmap); and, per model, over the quarters from the first with data to the chosen one, the
/// units adopting it (the timeline) and its coverage (the curves), both at the scope unit.
/// </summary>
public sealed record PracticesView(
    AnalysisScope Scope,
    IReadOnlyList<CatalogueEntry> Catalogue,
    IReadOnlyList<ChildValues> Children,
    IReadOnlyDictionary<string, Metric> UnitCoverage,
    IReadOnlyList<Quarter> Quarters,
    IReadOnlyList<QuarterSeries> Adopting,
    IReadOnlyList<QuarterSeries> Coverage);
