using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Features.DemoData;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Components.Layout;

/// <summary>Says on every page, the sign-in page included, that the database holds demo data (see <see cref="DemoMode"/>).</summary>
public partial class DemoBanner
{
    [Inject]
    private DemoMode Demo { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;
}
