using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Components.Layout;

public partial class CultureSwitch
{
    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    /// <summary>The other language of the two, and back to this very page (query included).</summary>
    private string SwitchHref
    {
        get
        {
            var target = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi" ? "en-US" : "vi-VN";
            var here = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
            return $"culture/set?culture={target}&redirectUri={Uri.EscapeDataString(here)}";
        }
    }
}
