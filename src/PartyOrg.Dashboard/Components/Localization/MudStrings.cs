using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace PartyOrg.Dashboard.Components.Localization;

/// <summary>
/// Marker for <c>MudStrings.resx</c> (Vietnamese) and <c>MudStrings.en.resx</c>: the texts MudBlazor's own
/// components show (pager tooltips, "Select all", close buttons, date picker labels …), keyed as MudBlazor's
/// <c>LanguageResource</c> keys them.
/// </summary>
public sealed class MudStrings
{
    private MudStrings()
    {
    }
}

/// <summary>
/// Gives MudBlazor's components the app's texts in the UI culture. MudBlazor asks it whenever its built-in
/// English does not apply; a key missing here reports <see cref="LocalizedString.ResourceNotFound"/> and
/// MudBlazor falls back to its English.
/// </summary>
public sealed class MudStringsLocalizer(IStringLocalizer<MudStrings> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => texts[key];

    public override LocalizedString this[string key, params object[] arguments] => texts[key, arguments];
}

public static class MudStringsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="MudStringsLocalizer"/> as MudBlazor's localizer (after <c>AddMudServices</c>).</summary>
    public static IServiceCollection AddMudStrings(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Replace(ServiceDescriptor.Transient<MudLocalizer, MudStringsLocalizer>());
        return services;
    }
}
