using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Dashboard.Components;

/// <summary>The path from the top of the user's scope down to the unit; every step but the last is a link.</summary>
public sealed partial class UnitBreadcrumbs
{
    private List<BreadcrumbItem> _items = [];

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [Parameter, EditorRequired]
    public IReadOnlyList<UnitRef> Path { get; set; } = [];

    [Parameter, EditorRequired]
    public Quarter Quarter { get; set; }

    [Parameter]
    public string? Metric { get; set; }

    protected override void OnParametersSet() =>
        _items = Path
            .Select((unit, i) => i == Path.Count - 1
                ? new BreadcrumbItem(unit.ShortName, href: null, disabled: true)
                : new BreadcrumbItem(unit.ShortName, DashboardFormat.UnitHref(unit.Code, Quarter, Metric)))
            .ToList();
}
