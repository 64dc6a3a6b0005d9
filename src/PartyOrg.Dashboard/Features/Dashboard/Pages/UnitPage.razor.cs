using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Dashboard.Pages;

/// <summary>Any unit, from the province down to a cell, in one quarter: the same layout at every level.</summary>
public sealed partial class UnitPage
{
    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [Parameter]
    public string Code { get; set; } = string.Empty;

    [SupplyParameterFromQuery(Name = "quarter")]
    private string? QuarterText { get; set; }

    [SupplyParameterFromQuery(Name = "metric")]
    private string? MetricText { get; set; }
}
