using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using PartyOrg.Dashboard.Components.Charts;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Dashboard.Components;

/// <summary>
/// One unit in one quarter: KPIs with their changes, the children compared (click a bar or a row to go
/// down), the trend, grades, units needing attention, and for a cell its meetings and survey. Every choice
/// lives in the URL, so the browser's back button and a reload reproduce the view.
/// </summary>
public sealed partial class UnitDashboardView : IDisposable
{
    /// <summary>How often the page asks whether a queued recompute has finished.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private static readonly IReadOnlyList<string> GradeColors = ["#2E7D32", "#1565C0", "#F9A825", "#B71C1C"];
    private static readonly string[] GradeLabelKeys = ["GradeTot", "GradeKha", "GradeTrungBinh", "GradeKem"];

    private readonly CancellationTokenSource _disposed = new();
    private PeriodicTimer? _timer;
    private ClaimsPrincipal _user = new();
    private DashboardAnswer? _answer;
    private Quarter _quarter;
    private string? _badQuarterText;
    private bool _canRecompute;
    private bool _recomputing;
    private IReadOnlyList<string> _childCategories = [];
    private IReadOnlyList<ChartSeries> _childSeries = [];
    private IReadOnlyList<ChartSeries> _gradeSeries = [];
    private IReadOnlyList<string> _trendCategories = [];
    private IReadOnlyList<ChartSeries> _trendSeries = [];

    [Inject]
    private DashboardService Dashboard { get; set; } = default!;

    [Inject]
    private AppClock Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The unit's code; null for the top of the user's scope (the overview).</summary>
    [Parameter]
    public string? Code { get; set; }

    /// <summary><c>2024-Q4</c>; absent: the last closed quarter.</summary>
    [Parameter]
    public string? QuarterText { get; set; }

    /// <summary>A metric key for the children's chart and the trend; absent: attendance.</summary>
    [Parameter]
    public string? MetricText { get; set; }

    /// <summary>Past a dozen children, bars run left to right so that every name can be read.</summary>
    private bool ManyChildren => ChartedCount > 12;

    private int ChartedCount => _answer?.Dashboard?.Children.Charted.Count ?? 0;

    private int ChildrenChartHeight => ManyChildren ? Math.Max(340, 60 + 22 * ChartedCount) : 340;

    private string QuarterLabel => _quarter.ToDisplayString(CultureInfo.CurrentCulture);

    public void Dispose()
    {
        // Cancelling ends a pending wait for the next tick; the loop then disposes its timer.
        _disposed.Cancel();
        _disposed.Dispose();
    }

    protected override async Task OnParametersSetAsync()
    {
        _badQuarterText = null;
        if (string.IsNullOrWhiteSpace(QuarterText))
        {
            _quarter = Clock.LastClosedQuarter;
        }
        else if (Quarter.TryParse(QuarterText, out var chosen))
        {
            _quarter = chosen;
        }
        else
        {
            _quarter = Clock.LastClosedQuarter;
            _badQuarterText = QuarterText;
        }

        _user = (await AuthenticationState).User;
        _canRecompute = _user.IsInRole(Roles.Admin) || _user.IsInRole(Roles.OrgBoard);
        await LoadAsync(_disposed.Token);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        _answer = await Dashboard.GetAsync(_user, Code, _quarter, MetricText, cancellationToken);
        if (_answer.Dashboard is not { } d)
        {
            return;
        }

        var label = MetricLabel(d.ChartMetric);
        _childCategories = d.Children.Charted.Select(c => c.Unit.ShortName).ToList();
        _childSeries = [new ChartSeries(label, d.Children.Charted.Select(c => c.Value).ToList())];
        _gradeSeries = GradeLabelKeys
            .Select((key, i) => new ChartSeries(L[key], d.Children.Charted.Select(c => c.Grades.ElementAtOrDefault(i)).ToList()))
            .ToList();
        _trendCategories = d.Trend.Select(p => p.Quarter.ToDisplayString(CultureInfo.CurrentCulture)).ToList();
        _trendSeries = [new ChartSeries(label, d.Trend.Select(p => p.Value).ToList())];
    }

    /// <summary>Queues the recompute, then asks every two seconds until the quarter is fresh again, and reloads.</summary>
    private async Task RecomputeAsync()
    {
        if (_recomputing)
        {
            return;
        }

        _recomputing = true;
        var stopping = _disposed.Token;
        var before = (await Dashboard.GetFreshnessAsync(_quarter, stopping)).ComputedAt;
        Dashboard.EnqueueRecompute(_quarter);
        _timer = new PeriodicTimer(PollInterval, Clock.TimeProvider);
        try
        {
            while (await _timer.WaitForNextTickAsync(stopping))
            {
                var now = await Dashboard.GetFreshnessAsync(_quarter, stopping);
                if (!now.Stale && now.ComputedAt is { } at && (before is null || at > before))
                {
                    break;
                }
            }

            await LoadAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            // The page was left while waiting: nothing to refresh.
            return;
        }
        finally
        {
            _timer?.Dispose();
            _timer = null;
            _recomputing = false;
        }
    }

    private void ChooseMetric(string key) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("metric", key));

    private void DrillDown(ChartPointSelection selection)
    {
        if (_answer?.Dashboard?.Children.Charted.ElementAtOrDefault(selection.PointIndex) is { } child)
        {
            Navigation.NavigateTo(UnitHref(child.Unit.Code));
        }
    }

    private string UnitHref(string code) => DashboardFormat.UnitHref(code, _quarter, MetricText);

    private string MetricLabel(DashboardMetric metric) => metric.Name is null
        ? L[metric.LabelKey]
        : L["MetricPractice", CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi" ? metric.Name : metric.NameEn ?? metric.Name];

    private string MetricLabelOf(string key) =>
        _answer?.Dashboard?.ChartMetrics.FirstOrDefault(m => m.Key == key) is { } metric ? MetricLabel(metric) : key;

    private static string KpiTestId(DashboardMetric metric) =>
        metric.Key == MetricKeys.MembersTotal ? "kpi-members" : "kpi-" + metric.Key.Replace('.', '-').Replace('_', '-');

    private string ValueText(double? value, DashboardMetric metric) =>
        DashboardFormat.Value(value, metric.Kind, CultureInfo.CurrentCulture, L["RateFormat"]);

    private static ChartValueFormat ValueFormatOf(DashboardMetric metric) =>
        metric.Kind == MetricKind.Rate ? ChartValueFormat.Percent : ChartValueFormat.Number;

    private static int DecimalsOf(DashboardMetric metric) => metric.Kind == MetricKind.Rate ? 1 : 0;

    private string ChildrenChartLabel(UnitDashboard d) => L["DashboardChildrenChart", MetricLabel(d.ChartMetric), QuarterLabel];

    private string ComputedAtText(Freshness freshness) => freshness.ComputedAt is { } at
        ? L["DashboardComputedAt", AppClock.ToLocal(at).ToString("g", CultureInfo.CurrentCulture)]
        : L["DashboardNotComputed"];
}
