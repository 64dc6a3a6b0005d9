using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Surveys;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Dashboard;

/// <summary>
/// Everything the overview and unit pages show for one unit in one quarter. Reads the aggregates only,
/// except the tree of the quarter and a cell's list of meetings.
/// </summary>
public sealed class DashboardService(
    OrgTreeService trees,
    ScopeResolver scopes,
    MetricsQueryService metrics,
    AggregateService aggregates,
    AggregateScheduler scheduler,
    IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>Quarters in the trend line, the chosen one last.</summary>
    public const int TrendLength = 8;

    /// <summary>Answers kept at most; past this the cache starts again empty.</summary>
    private const int CachedAnswers = 512;

    private readonly ConcurrentDictionary<AnswerKey, DashboardAnswer> _answers = new();

    /// <summary>
    /// The dashboard of a unit, from a cache of answers that holds while no quarter's facts or aggregates
    /// changed: a page is rendered twice per visit (prerender, then the circuit) and a meeting room opens
    /// the same overview many times, but the answer only changes with a recompute or new data.
    /// </summary>
    /// <param name="code">The unit; null for the top of the user's scope.</param>
    /// <param name="metricKey">What the children's bar chart and the trend show; the default when unknown.</param>
    public async Task<DashboardAnswer> GetAsync(ClaimsPrincipal user, string? code, Quarter quarter, string? metricKey, CancellationToken cancellationToken = default)
    {
        var key = new AnswerKey(UserScope.For(user), code, quarter, metricKey, await StampAsync(cancellationToken));
        if (_answers.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var answer = await ComputeAsync(key.Scope, code, quarter, metricKey, cancellationToken);
        if (_answers.Count >= CachedAnswers)
        {
            _answers.Clear();
        }

        _answers[key] = answer;
        return answer;
    }

    private async Task<DashboardAnswer> ComputeAsync(UserScope scope, string? code, Quarter quarter, string? metricKey, CancellationToken cancellationToken)
    {
        var tree = await trees.GetTreeAsync(quarter, cancellationToken);
        var scoped = await scopes.ResolveAsync(scope, tree, tree.Date, cancellationToken);
        // The overview, or the editor's own unit after it ended (an old link): the units that continue it.
        if (ScopeLanding.Of(scoped) is { } landing
            && (code is null || (tree.Find(code) is null && string.Equals(code, landing.AssignedCode, StringComparison.OrdinalIgnoreCase))))
        {
            return new DashboardAnswer(DashboardStatus.SeveralUnits, quarter, Landing: landing);
        }

        var node = code is null ? scoped.SingleRoot : tree.Find(code);
        if (node is null && code is not null)
        {
            return new DashboardAnswer(DashboardStatus.NotInQuarter, quarter, Absence: await AbsenceAsync(code, scope, cancellationToken));
        }

        if (node is null || scoped.RootOf(node) is not { } root)
        {
            return new DashboardAnswer(DashboardStatus.OutOfScope, quarter);
        }

        var practices = await PracticesAsync(cancellationToken);
        var chartMetrics = DashboardMetrics.Kpis.Concat(practices).ToList();
        var chartMetric = chartMetrics.FirstOrDefault(m => m.Key == metricKey) ?? DashboardMetrics.Default;
        var practiceKeys = practices.Select(p => p.Key).ToList();
        var keys = DashboardMetrics.Kpis.Select(m => m.Key).Where(k => k != DashboardMetrics.CoverageAverage)
            .Concat(practiceKeys).Concat(DashboardMetrics.Grades).Append(MetricKeys.SurveyResponses)
            .Concat(Questionnaire.Questions.Select(q => MetricKeys.SurveyFavourable(q.Number)))
            .Distinct().ToList();

        // The trend and the comparisons (the previous quarter, the same quarter last year: both inside the trend's
        // window) show only quarters whose scope holds the unit: a cell moved into or out of a district was not the
        // editor's before or after. The others are absent.
        var held = (await scopes.QuartersHoldingAsync(scope, node.Id, quarter.Window(TrendLength), cancellationToken)).ToHashSet();
        var current = await metrics.GetAsync(node.Id, quarter, keys, cancellationToken);
        var previous = held.Contains(quarter.Previous) ? await metrics.GetAsync(node.Id, quarter.Previous, keys, cancellationToken) : null;
        var lastYear = held.Contains(quarter.SameQuarterLastYear) ? await metrics.GetAsync(node.Id, quarter.SameQuarterLastYear, keys, cancellationToken) : null;
        var kpis = DashboardMetrics.Kpis
            .Select(m => new KpiFigure(
                m,
                DashboardRules.Read(current.Values, m),
                previous is null ? null : DashboardRules.Read(previous.Values, m),
                lastYear is null ? null : DashboardRules.Read(lastYear.Values, m)))
            .ToList();

        var path = tree.PathTo(node.Id);
        var breadcrumbs = path.SkipWhile(n => n.Id != root.Id).Select(Ref).ToList();

        return new DashboardAnswer(DashboardStatus.Found, quarter, new UnitDashboard(
            quarter,
            Ref(node),
            breadcrumbs,
            kpis,
            chartMetric,
            chartMetrics,
            await ChildrenAsync(tree, node, quarter, chartMetric, practiceKeys, cancellationToken),
            await TrendAsync(node.Id, quarter, held, chartMetric, practiceKeys, cancellationToken),
            await AttentionAsync(metrics, tree, node, quarter, cancellationToken),
            new Freshness(current.ComputedAt, current.Stale),
            node.Kind.HoldsMeetings() ? await CellAsync(node.Id, quarter, current.Values, cancellationToken) : null));
    }

    /// <summary>Every unit the user may see at the end of the quarter, top down (the units page pages through them).</summary>
    public async Task<IReadOnlyList<UnitListItem>> ListAsync(ClaimsPrincipal user, Quarter quarter, CancellationToken cancellationToken = default)
    {
        var scoped = await scopes.ResolveAsync(UserScope.For(user), quarter, cancellationToken);
        var tree = scoped.Tree;
        return scoped.Units
            .Select(n => new UnitListItem(Ref(n), n.ParentId is { } p ? tree.Find(p)?.ShortName ?? string.Empty : string.Empty))
            .ToList();
    }

    public async Task<Freshness> GetFreshnessAsync(Quarter quarter, CancellationToken cancellationToken = default)
    {
        var state = await aggregates.GetStateAsync(quarter, cancellationToken);
        return new Freshness(state?.ComputedAt, state is null || state.IsStale);
    }

    /// <summary>Queues a recompute of the quarter's aggregates (Admin and OrgBoard; the page checks the role).</summary>
    public string EnqueueRecompute(Quarter quarter) => scheduler.EnqueueRecompute(quarter);

    private static UnitRef Ref(OrgNode n) => new(n.Code, n.Name, n.ShortName, n.Kind);

    /// <summary>
    /// What every answer depends on besides its unit, quarter and metric: the data and aggregate versions
    /// and compute times of all quarters (a few dozen rows). Any import, tree change or recompute changes it.
    /// </summary>
    private async Task<AggregatesStamp> StampAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var states = await db.QuarterStates.AsNoTracking()
            .Select(s => new { s.DataVersion, s.ComputedVersion, s.ComputedAt })
            .ToListAsync(cancellationToken);
        return new AggregatesStamp(
            states.Count,
            states.Sum(s => s.DataVersion),
            states.Sum(s => s.ComputedVersion ?? 0),
            states.Max(s => s.ComputedAt?.UtcTicks) ?? 0);
    }

    private sealed record AggregatesStamp(int Quarters, long DataVersions, long ComputedVersions, long LastComputedTicks);

    private sealed record AnswerKey(UserScope Scope, string? Code, Quarter Quarter, string? Metric, AggregatesStamp Stamp);

    private async Task<List<DashboardMetric>> PracticesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Practices.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new { p.Code, p.Name, p.NameEn })
            .ToListAsync(cancellationToken);
        return rows.Select(p => DashboardMetrics.Practice(p.Code, p.Name, p.NameEn)).ToList();
    }

    private static IReadOnlyList<string> KeysFor(DashboardMetric metric, IReadOnlyList<string> practiceKeys) =>
        metric.Key == DashboardMetrics.CoverageAverage ? practiceKeys : [metric.Key];

    private async Task<ChildrenFigures> ChildrenAsync(
        OrgTree tree, OrgNode node, Quarter quarter, DashboardMetric metric, IReadOnlyList<string> practiceKeys, CancellationToken cancellationToken)
    {
        var children = tree.Children(node.Id);
        if (children.Count == 0)
        {
            return new ChildrenFigures([], [], false);
        }

        var values = await metrics.GetManyAsync(
            children.Select(c => c.Id).ToList(), quarter, KeysFor(metric, practiceKeys).Concat(DashboardMetrics.Grades).ToList(), cancellationToken);
        var all = children
            .Select(c => new ChildFigure(
                Ref(c),
                DashboardRules.Read(values[c.Id], metric),
                DashboardMetrics.Grades.Select(g => values[c.Id][g].Value * 100).ToList()))
            .ToList();
        var territorial = children.Where(c => c.Sector == UnitSector.District || c.Sector.IsCommuneLevel()).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var charted = all.Where(c => territorial.Count == 0 || territorial.Contains(c.Unit.Code));
        return new ChildrenFigures(SortByValue(charted, metric), SortByValue(all, metric), territorial.Count > 0 && territorial.Count < children.Count);
    }

    /// <summary>Best first (highest, or lowest where less is better); units with no value last, by name.</summary>
    internal static List<ChildFigure> SortByValue(IEnumerable<ChildFigure> children, DashboardMetric metric) =>
        children
            .OrderBy(c => c.Value is null)
            .ThenBy(c => metric.HigherIsBetter ? -(c.Value ?? 0) : c.Value ?? 0)
            .ThenBy(c => c.Unit.ShortName, StringComparer.CurrentCulture)
            .ToList();

    /// <param name="held">The quarters whose scope holds the unit; the trend has a point for these only.</param>
    private async Task<IReadOnlyList<TrendPoint>> TrendAsync(
        int unitId, Quarter quarter, HashSet<Quarter> held, DashboardMetric metric, IReadOnlyList<string> practiceKeys, CancellationToken cancellationToken)
    {
        // One query for every key (the average coverage reads all the practices' keys).
        var first = quarter.AddQuarters(1 - TrendLength);
        var byQuarter = await metrics.GetSeriesManyAsync(unitId, KeysFor(metric, practiceKeys), first, quarter, cancellationToken);
        return byQuarter.Where(p => held.Contains(p.Key)).OrderBy(p => p.Key).Select(p => new TrendPoint(p.Key, DashboardRules.Read(p.Value, metric))).ToList();
    }

    /// <summary>The children and grandchildren of a unit that need attention (also the briefings' last section).</summary>
    internal static async Task<IReadOnlyList<AttentionItem>> AttentionAsync(
        MetricsQueryService metrics, OrgTree tree, OrgNode node, Quarter quarter, CancellationToken cancellationToken)
    {
        var units = tree.Children(node.Id)
            .SelectMany(c => tree.Children(c.Id).Prepend(c))
            .ToList();
        if (units.Count == 0)
        {
            return [];
        }

        var ids = units.Select(u => u.Id).ToList();
        var now = await metrics.GetManyAsync(ids, quarter, [MetricKeys.AttendanceRate, MetricKeys.SmallCells, MetricKeys.SurveyIndex], cancellationToken);
        var before = await metrics.GetManyAsync(ids, quarter.Previous, [MetricKeys.SurveyIndex], cancellationToken);
        var twoBack = await metrics.GetManyAsync(ids, quarter.Previous.Previous, [MetricKeys.SurveyIndex], cancellationToken);
        var items = new List<AttentionItem>();
        foreach (var unit in units)
        {
            var findings = DashboardRules.Attention(
                DashboardRules.Read(now[unit.Id], DashboardMetrics.AttendanceRate),
                now[unit.Id][MetricKeys.SmallCells].Value,
                DashboardRules.Read(now[unit.Id], DashboardMetrics.SurveyIndex),
                DashboardRules.Read(before[unit.Id], DashboardMetrics.SurveyIndex),
                DashboardRules.Read(twoBack[unit.Id], DashboardMetrics.SurveyIndex));
            if (findings.Count > 0)
            {
                var parent = unit.ParentId is { } p ? tree.Find(p)?.ShortName ?? string.Empty : string.Empty;
                items.Add(new AttentionItem(Ref(unit), parent, findings));
            }
        }

        return items.OrderByDescending(i => i.Findings.Count).ThenBy(i => i.Unit.Code, StringComparer.Ordinal).ToList();
    }

    private async Task<CellDetail> CellAsync(int unitId, Quarter quarter, IReadOnlyDictionary<string, Metric> values, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (start, end) = (quarter.Start, quarter.End);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.UnitId == unitId && m.Date >= start && m.Date <= end)
            .OrderBy(m => m.Date).ThenBy(m => m.Id)
            .Select(m => new { m.Date, m.Kind, m.Mode, m.DurationMinutes, m.Expected, m.Present, m.AbsentWithReason, m.AbsentWithoutReason, m.Score })
            .ToListAsync(cancellationToken);
        var rows = meetings
            .Select(m => new MeetingRow(m.Date, m.Kind, m.Mode, m.DurationMinutes, m.Expected, m.Present, m.AbsentWithReason + m.AbsentWithoutReason, m.Score, DashboardRules.GradeOf(m.Score)))
            .ToList();
        var survey = Questionnaire.Questions
            .Select(q =>
            {
                var metric = values.GetValueOrDefault(MetricKeys.SurveyFavourable(q.Number)) ?? Metric.Empty;
                return new SurveyQuestionResult(q.Number, q.TextVi, q.TextEn, metric.Value * 100, metric.Suppressed);
            })
            .ToList();
        return new CellDetail(rows, survey, values.GetValueOrDefault(MetricKeys.SurveyResponses)?.Value);
    }

    /// <summary>
    /// The units a missing unit came from and went to, each with a quarter in which it existed; only
    /// those the user may see then are named (a district editor learns nothing of other districts).
    /// </summary>
    private async Task<UnitAbsence> AbsenceAsync(string code, UserScope scope, CancellationToken cancellationToken)
    {
        var links = await trees.GetLineageAsync(code, cancellationToken);
        var predecessors = new List<LineageTarget>();
        var successors = new List<LineageTarget>();
        string? name = null;
        foreach (var link in links.Where(l => l.Kind is not (LineageKind.Rename or LineageKind.Move)))
        {
            if (string.Equals(link.SuccessorCode, code, StringComparison.OrdinalIgnoreCase))
            {
                var q = DashboardRules.LastQuarterBefore(link.EffectiveDate);
                name ??= (await VisibleAsync(code, DashboardRules.FirstQuarterFrom(link.EffectiveDate), scope, cancellationToken))?.Name;
                if (await VisibleAsync(link.PredecessorCode, q, scope, cancellationToken) is { } other)
                {
                    predecessors.Add(new LineageTarget(other.Code, other.Name, link.Kind, link.EffectiveDate, q));
                }
            }
            else
            {
                name ??= (await VisibleAsync(code, DashboardRules.LastQuarterBefore(link.EffectiveDate), scope, cancellationToken))?.Name;
                if (link.SuccessorCode is { } successor)
                {
                    var q = DashboardRules.FirstQuarterFrom(link.EffectiveDate);
                    if (await VisibleAsync(successor, q, scope, cancellationToken) is { } other)
                    {
                        successors.Add(new LineageTarget(other.Code, other.Name, link.Kind, link.EffectiveDate, q));
                    }
                }
            }
        }

        return new UnitAbsence(code, name, predecessors, successors);
    }

    private async Task<OrgNode?> VisibleAsync(string code, Quarter quarter, UserScope scope, CancellationToken cancellationToken)
    {
        var scoped = await scopes.ResolveAsync(scope, quarter, cancellationToken);
        return scoped.Tree.Find(code) is { } node && scoped.CanSee(node) ? node : null;
    }
}

public static class DashboardServiceCollectionExtensions
{
    /// <summary>The overview and unit pages, and the attendance, surveys and practices pages.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services) =>
        services.AddSingleton<DashboardService>().AddSingleton<Analysis.AnalysisService>();
}
