using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Components.Layout;

public partial class NavMenu
{
    private IReadOnlyList<NavSection> _sections = [];

    [Inject]
    private PageCatalog Pages { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    protected override void OnInitialized() => _sections = AppNavigation.Available(AppNavigation.Sections, Pages);
}
