using System.Globalization;
using System.Resources;

namespace PartyOrg.Dashboard.Resources;

/// <summary>
/// The interface's texts: <c>Ui.resx</c> holds Vietnamese (the neutral language of the assembly) and
/// <c>Ui.en.resx</c> English. Components read them through <c>IStringLocalizer&lt;Ui&gt;</c>.
/// </summary>
public sealed class Ui
{
    private Ui()
    {
    }
}

/// <summary>
/// The same texts for data-annotation attributes, which can only look messages up through static
/// properties (<c>ErrorMessageResourceType</c>).
/// </summary>
internal static class UiText
{
    private static readonly ResourceManager Resources = new(typeof(Ui).FullName!, typeof(Ui).Assembly);

    public static string LoginEmailRequired => Get(nameof(LoginEmailRequired));

    public static string LoginEmailInvalid => Get(nameof(LoginEmailInvalid));

    public static string LoginPasswordRequired => Get(nameof(LoginPasswordRequired));

    public static string TwoFactorCodeRequired => Get(nameof(TwoFactorCodeRequired));

    private static string Get(string name) => Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}
