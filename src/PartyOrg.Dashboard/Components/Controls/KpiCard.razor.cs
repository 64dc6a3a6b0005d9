using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace PartyOrg.Dashboard.Components.Controls;

/// <summary>One headline number with its label, formatted in the current culture (45.622 / 45,622).</summary>
public partial class KpiCard
{
    [Parameter, EditorRequired]
    public string Label { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public int Value { get; set; }

    /// <summary>Stable hook for tests, set on the number itself (e.g. <c>kpi-members</c>).</summary>
    [Parameter, EditorRequired]
    public string TestId { get; set; } = string.Empty;

    [Parameter]
    public string Icon { get; set; } = MudBlazor.Icons.Material.Filled.Insights;

    private string FormattedValue => Value.ToString("N0", CultureInfo.CurrentCulture);
}
