using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Components.Layout;

public partial class MainLayout
{
    private bool _drawerOpen = true;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    /// <summary>
    /// The current page's own URL with <c>#main-content</c>: a bare fragment would resolve against
    /// <c>&lt;base href="/"&gt;</c> and lead to the home page.
    /// </summary>
    private string SkipLinkHref
    {
        get
        {
            var uri = Navigation.Uri;
            var hash = uri.IndexOf('#', StringComparison.Ordinal);
            return (hash < 0 ? uri : uri[..hash]) + "#main-content";
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;
}
