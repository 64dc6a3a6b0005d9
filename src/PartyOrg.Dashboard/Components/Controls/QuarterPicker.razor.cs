using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Components.Controls;

/// <summary>
/// Chooses a quarter ("Quý III/2026"), newest first, from 2021-Q1 to the last closed quarter. The choice
/// goes into the URL (<c>?quarter=2026-Q3</c>), so a reload or a shared link shows the same view.
/// </summary>
public sealed partial class QuarterPicker
{
    /// <summary>The first quarter with data.</summary>
    public static readonly Quarter First = new(2021, 1);

    private IReadOnlyList<Quarter> _quarters = [];

    [Inject]
    private AppClock Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [Parameter, EditorRequired]
    public Quarter Value { get; set; }

    protected override void OnInitialized() =>
        _quarters = Quarter.Range(First, Clock.LastClosedQuarter).Reverse().ToList();

    private static string Label(Quarter quarter) => quarter.ToDisplayString(CultureInfo.CurrentCulture);

    private Task ChooseAsync(Quarter quarter)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("quarter", quarter.ToString()));
        return Task.CompletedTask;
    }
}
