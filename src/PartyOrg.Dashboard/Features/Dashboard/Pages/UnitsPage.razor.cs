using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Dashboard.Pages;

/// <summary>Every unit the user may see in a quarter, searchable and paged (thousands of cells never render at once).</summary>
public sealed partial class UnitsPage
{
    private IReadOnlyList<UnitListItem> _units = [];
    private Quarter _quarter;
    private string _search = string.Empty;

    [Inject]
    private DashboardService Dashboard { get; set; } = default!;

    [Inject]
    private AppClock Clock { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "quarter")]
    private string? QuarterText { get; set; }

    private string QuarterLabel => _quarter.ToDisplayString(CultureInfo.CurrentCulture);

    protected override async Task OnParametersSetAsync()
    {
        _quarter = Quarter.TryParse(QuarterText, out var chosen) ? chosen : Clock.LastClosedQuarter;
        _units = await Dashboard.ListAsync((await AuthenticationState).User, _quarter);
    }

    private bool Matches(UnitListItem item) =>
        string.IsNullOrWhiteSpace(_search)
        || item.Unit.Name.Contains(_search.Trim(), StringComparison.CurrentCultureIgnoreCase)
        || item.Unit.Code.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase);
}
