using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Components.Charts;
using PartyOrg.Dashboard.Features.Dashboard.Components;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Dashboard.Analysis;

/// <summary>
/// What the attendance, surveys and practices pages share: the filters of the URL (<c>?quarter=2024-Q4&amp;unit=TC&amp;metric=…</c>,
/// so a reload or a shared link reproduces the view), loading the page's figures for the signed-in user,
/// and the way figures and links are written.
/// </summary>
public abstract class AnalysisPageBase<TView> : ComponentBase, IDisposable
    where TView : class
{
    private readonly CancellationTokenSource _disposed = new();

    [Inject]
    protected AnalysisService Analysis { get; set; } = default!;

    [Inject]
    protected AppClock Clock { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    protected IStringLocalizer<AnalysisText> L { get; set; } = default!;

    [Inject]
    protected IStringLocalizer<Ui> Ui { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary><c>2024-Q4</c>; absent: the last closed quarter.</summary>
    [SupplyParameterFromQuery(Name = "quarter")]
    public string? QuarterText { get; set; }

    /// <summary>The unit looked at; absent: the top of the user's scope.</summary>
    [SupplyParameterFromQuery(Name = "unit")]
    public string? UnitText { get; set; }

    /// <summary>The figure the children's chart and the trend show; absent or unknown: the page's first.</summary>
    [SupplyParameterFromQuery(Name = "metric")]
    public string? MetricText { get; set; }

    protected AnalysisAnswer<TView>? Answer { get; private set; }

    protected Quarter Quarter { get; private set; }

    /// <summary>The quarter text of the URL when it is not a quarter (the last closed quarter is shown instead).</summary>
    protected string? BadQuarterText { get; private set; }

    protected string QuarterLabel => Quarter.ToDisplayString(CultureInfo.CurrentCulture);

    /// <summary>The page's own path, e.g. <c>/attendance</c>.</summary>
    protected abstract string PagePath { get; }

    protected static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override async Task OnParametersSetAsync()
    {
        BadQuarterText = null;
        if (string.IsNullOrWhiteSpace(QuarterText))
        {
            Quarter = Clock.LastClosedQuarter;
        }
        else if (Quarter.TryParse(QuarterText, out var chosen))
        {
            Quarter = chosen;
        }
        else
        {
            Quarter = Clock.LastClosedQuarter;
            BadQuarterText = QuarterText;
        }

        var user = (await AuthenticationState).User;
        Answer = await LoadAsync(user, _disposed.Token);
        Loaded(Answer.View);
    }

    protected abstract Task<AnalysisAnswer<TView>> LoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken);

    /// <summary>Builds the chart data once per load (never in markup, so charts get equal lists between renders).</summary>
    protected abstract void Loaded(TView? view);

    /// <summary>This page for another unit, keeping the quarter and the metric.</summary>
    protected string HereFor(string unitCode) =>
        $"{PagePath}?quarter={Quarter}&unit={Uri.EscapeDataString(unitCode)}"
        + (string.IsNullOrEmpty(MetricText) ? string.Empty : $"&metric={Uri.EscapeDataString(MetricText)}");

    /// <summary>A unit's own page for the same quarter.</summary>
    protected string UnitHref(string unitCode) => DashboardFormat.UnitHref(unitCode, Quarter, null);

    protected void ChooseMetric(string key) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("metric", key));

    protected void OpenUnit(string unitCode) => Navigation.NavigateTo(UnitHref(unitCode));

    protected string Value(double? value, DashboardMetric metric) =>
        DashboardFormat.Value(value, metric.Kind, CultureInfo.CurrentCulture, Ui["RateFormat"]);

    protected string Percent(double? value) =>
        DashboardFormat.Value(value, MetricKind.Rate, CultureInfo.CurrentCulture, Ui["RateFormat"]);

    protected string Count(double? value) =>
        DashboardFormat.Value(value, MetricKind.Count, CultureInfo.CurrentCulture, Ui["RateFormat"]);

    protected static ChartValueFormat FormatOf(DashboardMetric metric) =>
        metric.Kind == MetricKind.Rate ? ChartValueFormat.Percent : ChartValueFormat.Number;

    protected static int DecimalsOf(DashboardMetric metric) => metric.Kind == MetricKind.Rate ? 1 : 0;

    protected string Label(DashboardMetric metric) => AnalysisMetrics.QuestionNumber(metric) is { } n
        ? L[metric.LabelKey, n, English ? metric.NameEn ?? metric.Name ?? string.Empty : metric.Name ?? string.Empty]
        : L[metric.LabelKey];

    protected string ComputedAtText(Freshness freshness) => freshness.ComputedAt is { } at
        ? L["ComputedAt", AppClock.ToLocal(at).ToString("g", CultureInfo.CurrentCulture)]
        : L["NotComputed"];
}
