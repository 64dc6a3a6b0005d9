using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Dashboard;

public enum DashboardStatus
{
    Found = 1,

    /// <summary>The unit did not exist at the end of the quarter (see <see cref="DashboardAnswer.Absence"/>).</summary>
    NotInQuarter = 2,

    /// <summary>The user's scope holds no unit in that quarter, or the unit lies outside it.</summary>
    OutOfScope = 3,

    /// <summary>No unit was asked for and the user's scope holds several units then (see <see cref="DashboardAnswer.Landing"/>).</summary>
    SeveralUnits = 4,
}

/// <summary>What the dashboard pages get for one unit and quarter.</summary>
public sealed record DashboardAnswer(DashboardStatus Status, Quarter Quarter, UnitDashboard? Dashboard = null, UnitAbsence? Absence = null, ScopeLanding? Landing = null);

public sealed record UnitRef(string Code, string Name, string ShortName, UnitKind Kind);

/// <summary>A unit's figures in one quarter, with the previous quarter and the same quarter last year.</summary>
public sealed record UnitDashboard(
    Quarter Quarter,
    UnitRef Unit,
    IReadOnlyList<UnitRef> Breadcrumbs,
    IReadOnlyList<KpiFigure> Kpis,
    DashboardMetric ChartMetric,
    IReadOnlyList<DashboardMetric> ChartMetrics,
    ChildrenFigures Children,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<AttentionItem> Attention,
    Freshness Freshness,
    CellDetail? Cell);

/// <summary>A figure this quarter, last quarter and the same quarter last year (shown units: counts or percent).</summary>
public sealed record KpiFigure(DashboardMetric Metric, double? Current, double? Previous, double? LastYear)
{
    public double? DeltaPrevious => DashboardRules.Delta(Current, Previous);

    public double? DeltaLastYear => DashboardRules.Delta(Current, LastYear);
}

/// <summary>
/// The children of a unit. <see cref="Charted"/> holds those compared in the charts, sorted by the chosen
/// metric (best first): the territorial ones (districts, or communes) when there are any, else all;
/// <see cref="All"/> every child, for the table.
/// </summary>
public sealed record ChildrenFigures(IReadOnlyList<ChildFigure> Charted, IReadOnlyList<ChildFigure> All, bool TerritorialOnly);

/// <summary>A child with the chosen metric and its grade shares (percent: Tốt, Khá, Trung bình, Kém).</summary>
public sealed record ChildFigure(UnitRef Unit, double? Value, IReadOnlyList<double?> Grades);

public sealed record TrendPoint(Quarter Quarter, double? Value);

/// <summary>A descendant one or two levels down that needs attention, and why.</summary>
public sealed record AttentionItem(UnitRef Unit, string ParentName, IReadOnlyList<AttentionFinding> Findings);

public sealed record Freshness(DateTimeOffset? ComputedAt, bool Stale);

/// <summary>What only a cell has: its meetings of the quarter (from the facts) and its survey per question.</summary>
public sealed record CellDetail(IReadOnlyList<MeetingRow> Meetings, IReadOnlyList<SurveyQuestionResult> Survey, double? Responses);

public sealed record MeetingRow(
    DateOnly Date,
    MeetingKind Kind,
    MeetingMode Mode,
    int DurationMinutes,
    int Expected,
    int Present,
    int Absent,
    int? Score,
    MeetingGrade? Grade);

/// <summary>One question's favourable share (percent), or suppressed: fewer than 5 responses.</summary>
public sealed record SurveyQuestionResult(int Number, string TextVi, string TextEn, double? FavourablePercent, bool Suppressed);

/// <summary>A unit that did not exist in the quarter (its name when the user may see it), with the units it came from and went to.</summary>
public sealed record UnitAbsence(string Code, string? Name, IReadOnlyList<LineageTarget> Predecessors, IReadOnlyList<LineageTarget> Successors);

/// <summary>A unit of the lineage and the quarter in which to open it (one in which it existed).</summary>
public sealed record LineageTarget(string Code, string Name, LineageKind Kind, DateOnly EffectiveDate, Quarter Quarter);

/// <summary>A unit of the units page, with the short name of its parent.</summary>
public sealed record UnitListItem(UnitRef Unit, string ParentName);
