using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Components.Controls;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Surveys;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Dashboard.Analysis;

/// <summary>
/// The attendance, surveys and practices pages: one unit of the user's scope and its children in one
/// quarter, read from the aggregates only (the practices' catalogue aside). A district editor never gets
/// a unit outside their subtree.
/// </summary>
public sealed class AnalysisService(
    OrgTreeService trees,
    ScopeResolver scopes,
    MetricsQueryService metrics,
    AggregateService aggregates,
    IDbContextFactory<AppDbContext> contexts)
{
    public async Task<AnalysisAnswer<AttendanceView>> GetAttendanceAsync(
        ClaimsPrincipal user, string? code, Quarter quarter, string? metricKey, CancellationToken cancellationToken = default)
    {
        var (status, scope, node, children, landing) = await ScopeAsync(user, code, quarter, cancellationToken);
        if (scope is null)
        {
            return new(status, null, landing);
        }

        var metric = AnalysisMetrics.Choose(AnalysisMetrics.Attendance, metricKey);
        var keys = AnalysisMetrics.Attendance.Select(m => m.Key).Concat(DashboardMetrics.Grades).ToList();
        var unit = await metrics.GetManyAsync([node!.Id, .. children.Select(c => c.Id)], quarter, keys, cancellationToken);
        var trendQuarters = await HeldAsync(user, node, quarter.Window(DashboardService.TrendLength), cancellationToken);
        var trend = (await metrics.GetSeriesAsync(node.Id, metric.Key, quarter.AddQuarters(1 - DashboardService.TrendLength), quarter, cancellationToken))
            .Where(p => trendQuarters.Contains(p.Quarter));
        var rows = Sort(children.Select(c => new ChildValues(Ref(c), unit[c.Id])), metric);
        return new(status, new AttendanceView(
            scope,
            metric,
            AnalysisMetrics.Attendance,
            unit[node.Id],
            rows,
            trendQuarters,
            new QuarterSeries(metric.Key, trend.Select(p => Shown(p.Metric, metric)).ToList()),
            DashboardMetrics.Grades.Select(g => unit[node.Id][g].Value * 100).ToList()));
    }

    public async Task<AnalysisAnswer<SurveysView>> GetSurveysAsync(
        ClaimsPrincipal user, string? code, Quarter quarter, string? metricKey, CancellationToken cancellationToken = default)
    {
        var (status, scope, node, children, landing) = await ScopeAsync(user, code, quarter, cancellationToken);
        if (scope is null)
        {
            return new(status, null, landing);
        }

        var metric = AnalysisMetrics.Choose(AnalysisMetrics.Surveys, metricKey);
        var keys = AnalysisMetrics.Surveys.Select(m => m.Key).Append(MetricKeys.SurveyResponses).ToList();
        var values = await metrics.GetManyAsync([node!.Id, .. children.Select(c => c.Id)], quarter, keys, cancellationToken);
        var own = values[node.Id];
        var trendQuarters = await HeldAsync(user, node, quarter.Window(DashboardService.TrendLength), cancellationToken);
        var trend = await metrics.GetSeriesManyAsync(
            node.Id, [MetricKeys.SurveyIndex, MetricKeys.SurveyResponseRate], quarter.AddQuarters(1 - DashboardService.TrendLength), quarter, cancellationToken);
        var questions = Questionnaire.Questions
            .Select(q =>
            {
                var m = own[MetricKeys.SurveyFavourable(q.Number)];
                return new SurveyQuestionResult(q.Number, q.TextVi, q.TextEn, m.Value * 100, m.Suppressed);
            })
            .ToList();
        return new(status, new SurveysView(
            scope,
            metric,
            AnalysisMetrics.Surveys,
            own[MetricKeys.SurveyResponses].Value,
            Shown(own[MetricKeys.SurveyResponseRate], AnalysisMetrics.ResponseRate),
            Shown(own[MetricKeys.SurveyIndex], AnalysisMetrics.SurveyIndex),
            own[MetricKeys.SurveyIndex].Suppressed,
            questions,
            Sort(children.Select(c => new ChildValues(Ref(c), values[c.Id])), metric),
            trendQuarters,
            new QuarterSeries(MetricKeys.SurveyIndex, trendQuarters.Select(q => Shown(trend[q][MetricKeys.SurveyIndex], AnalysisMetrics.SurveyIndex)).ToList()),
            new QuarterSeries(MetricKeys.SurveyResponseRate, trendQuarters.Select(q => Shown(trend[q][MetricKeys.SurveyResponseRate], AnalysisMetrics.ResponseRate)).ToList())));
    }

    public async Task<AnalysisAnswer<PracticesView>> GetPracticesAsync(
        ClaimsPrincipal user, string? code, Quarter quarter, CancellationToken cancellationToken = default)
    {
        var (status, scope, node, children, landing) = await ScopeAsync(user, code, quarter, cancellationToken);
        if (scope is null)
        {
            return new(status, null, landing);
        }

        var catalogue = await CatalogueAsync(cancellationToken);
        var keys = catalogue.Select(p => MetricKeys.PracticeCoverage(p.Code)).ToList();
        var values = await metrics.GetManyAsync([node!.Id, .. children.Select(c => c.Id)], quarter, keys, cancellationToken);
        var first = QuarterPicker.First <= quarter ? QuarterPicker.First : quarter;
        var quarters = await HeldAsync(user, node, Quarter.Range(first, quarter), cancellationToken);
        var series = await metrics.GetSeriesManyAsync(node.Id, keys, first, quarter, cancellationToken);
        return new(status, new PracticesView(
            scope,
            catalogue,
            children.Select(c => new ChildValues(Ref(c), values[c.Id])).ToList(),
            values[node.Id],
            quarters,
            keys.Select(k => new QuarterSeries(k, quarters.Select(q => series[q][k] is { Suppressed: false } m ? m.Numerator : null).ToList())).ToList(),
            keys.Select(k => new QuarterSeries(k, quarters.Select(q => series[q][k].Value * 100).ToList())).ToList()));
    }

    /// <summary>Highest first (lowest where less is better); units with no figure last, by name.</summary>
    internal static List<ChildValues> Sort(IEnumerable<ChildValues> children, DashboardMetric metric) =>
        children
            .OrderBy(c => DashboardRules.Read(c.Metrics, metric) is null)
            .ThenBy(c => (metric.HigherIsBetter ? -1 : 1) * (DashboardRules.Read(c.Metrics, metric) ?? 0))
            .ThenBy(c => c.Unit.ShortName, StringComparer.CurrentCulture)
            .ToList();

    /// <summary>
    /// The quarters of a trend or curve whose scope holds the unit, in order (ADR-005, through the one resolver):
    /// a unit that moved into or out of a district's subtree has no point in the quarters it was not the editor's.
    /// </summary>
    private async Task<List<Quarter>> HeldAsync(ClaimsPrincipal user, OrgNode node, IEnumerable<Quarter> quarters, CancellationToken cancellationToken) =>
        [.. await scopes.QuartersHoldingAsync(UserScope.For(user), node.Id, quarters, cancellationToken)];

    private static double? Shown(Metric metric, DashboardMetric shown) => metric.Value * shown.Scale;

    private static UnitRef Ref(OrgNode n) => new(n.Code, n.Name, n.ShortName, n.Kind);

    private async Task<(DashboardStatus Status, AnalysisScope? Scope, OrgNode? Node, IReadOnlyList<OrgNode> Children, ScopeLanding? Landing)> ScopeAsync(
        ClaimsPrincipal user, string? code, Quarter quarter, CancellationToken cancellationToken)
    {
        var scoped = await scopes.ResolveAsync(UserScope.For(user), quarter, cancellationToken);
        var tree = scoped.Tree;
        if (string.IsNullOrWhiteSpace(code) && ScopeLanding.Of(scoped) is { } landing)
        {
            return (DashboardStatus.SeveralUnits, null, null, [], landing);
        }

        var node = string.IsNullOrWhiteSpace(code) ? scoped.SingleRoot : tree.Find(code.Trim());
        if (node is null && !string.IsNullOrWhiteSpace(code) && scoped.Roots.Count > 0)
        {
            return (DashboardStatus.NotInQuarter, null, null, [], null);
        }

        if (node is null || scoped.RootOf(node) is not { } root)
        {
            return (DashboardStatus.OutOfScope, null, null, [], null);
        }

        var state = await aggregates.GetStateAsync(quarter, cancellationToken);
        var children = tree.Children(node.Id);
        var path = tree.PathTo(node.Id).SkipWhile(n => n.Id != root.Id).Select(Ref).ToList();
        return (DashboardStatus.Found,
            new AnalysisScope(quarter, Ref(node), path, children.Select(Ref).ToList(), new Freshness(state?.ComputedAt, state is null || state.IsStale)),
            node,
            children,
            null);
    }

    private async Task<List<CatalogueEntry>> CatalogueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Practices.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new { p.Code, p.Name, p.NameEn, p.Description, p.OriginUnitId, p.OriginDate, p.Target })
            .ToListAsync(cancellationToken);
        var entries = new List<CatalogueEntry>(rows.Count);
        foreach (var p in rows)
        {
            // The origin unit under the name it had when the practice started.
            var origin = p.OriginUnitId is { } id ? (await trees.GetTreeAsync(Quarter.Containing(p.OriginDate), cancellationToken)).Find(id)?.Name : null;
            entries.Add(new CatalogueEntry(p.Code, p.Name, p.NameEn, p.Description, origin, p.OriginDate, p.Target));
        }

        return entries;
    }
}
