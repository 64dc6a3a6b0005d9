using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Dashboard.Components;

/// <summary>A figure with its change from the previous quarter and from the same quarter last year: green good, red bad.</summary>
public sealed partial class KpiDeltaCard
{
    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [Parameter, EditorRequired]
    public KpiFigure Figure { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Label { get; set; } = string.Empty;

    /// <summary>Stable hook for tests, on the number itself (e.g. <c>kpi-members</c>).</summary>
    [Parameter, EditorRequired]
    public string TestId { get; set; } = string.Empty;

    private string Text(double? value) =>
        DashboardFormat.Value(value, Figure.Metric.Kind, CultureInfo.CurrentCulture, L["RateFormat"]);

    private string Delta(double? delta) =>
        DashboardFormat.Delta(delta, Figure.Metric.Kind, CultureInfo.CurrentCulture, L["DeltaPoints"]);

    private string DeltaClass(double? delta) => DashboardRules.IsGood(delta, Figure.Metric) switch
    {
        true => "kpi-delta kpi-good mud-success-text",
        false => "kpi-delta kpi-bad mud-error-text",
        null => "kpi-delta",
    };
}
