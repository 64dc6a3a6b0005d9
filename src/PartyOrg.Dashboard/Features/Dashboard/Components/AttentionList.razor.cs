using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Dashboard.Components;

/// <summary>Descendants one or two levels down that need attention, with the reasons in words.</summary>
public sealed partial class AttentionList
{
    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [Parameter, EditorRequired]
    public IReadOnlyList<AttentionItem> Items { get; set; } = [];

    [Parameter, EditorRequired]
    public Quarter Quarter { get; set; }

    [Parameter]
    public string? Metric { get; set; }

    private string Reason(AttentionFinding finding)
    {
        var culture = CultureInfo.CurrentCulture;
        return finding.Reason switch
        {
            AttentionReason.LowAttendance => L["AttentionLowAttendance", DashboardFormat.Value(finding.Value, MetricKind.Rate, culture, L["RateFormat"])],
            AttentionReason.FallingSurvey => L["AttentionFallingSurvey", DashboardFormat.Delta(finding.Value, MetricKind.Rate, culture, L["DeltaPoints"])],
            _ => L["AttentionSmallCells", finding.Value.ToString("N0", culture)],
        };
    }
}
