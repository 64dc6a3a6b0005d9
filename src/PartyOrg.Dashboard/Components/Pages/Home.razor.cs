using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Components.Pages;

/// <summary>The overview: the top of the user's scope (the province, or a district editor's unit) in one quarter.</summary>
public partial class Home
{
    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    /// <summary><c>?quarter=2024-Q4</c>; absent: the last closed quarter.</summary>
    [SupplyParameterFromQuery(Name = "quarter")]
    private string? QuarterText { get; set; }

    /// <summary><c>?metric=attendance.rate</c>: what the children's chart is sorted by.</summary>
    [SupplyParameterFromQuery(Name = "metric")]
    private string? MetricText { get; set; }
}
