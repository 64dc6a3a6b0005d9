using System.Globalization;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Features.Dashboard;
using PartyOrg.Dashboard.Features.Dashboard.Components;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Briefings.Documents;

/// <summary>
/// The texts and number formats of one briefing in one culture, whatever the culture of the thread that
/// renders it (a scheduled job has none): 45.622, 94,2 %, "+1,3 điểm %" and "quý III/2026" in Vietnamese.
/// </summary>
public sealed class BriefingTexts(IStringLocalizer<BriefingText> localizer, CultureInfo culture)
{
    private static readonly string[] Roman = ["I", "II", "III", "IV"];

    public CultureInfo Culture => culture;

    public bool IsVietnamese => culture.TwoLetterISOLanguageName == "vi";

    public string this[string name]
    {
        get
        {
            var saved = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentUICulture = culture;
                return localizer[name].Value;
            }
            finally
            {
                CultureInfo.CurrentUICulture = saved;
            }
        }
    }

    public string Format(string name, params object?[] args) => string.Format(culture, this[name], args);

    /// <summary>A figure as shown: "45.622" or "94,2 %"; "—" when there is none.</summary>
    public string Value(double? value, MetricKind kind) => DashboardFormat.Value(value, kind, culture, this["RateFormat"]);

    /// <summary>A signed change: "+120", "−1,3 điểm %"; "—" when either figure is missing.</summary>
    public string Delta(double? delta, MetricKind kind) => DashboardFormat.Delta(delta, kind, culture, this["Points"]);

    /// <summary>An unsigned amount of change (the narrative says "tăng"/"giảm"): "120", "1,3 điểm %".</summary>
    public string Amount(double amount, MetricKind kind) => kind == MetricKind.Rate
        ? Format("Points", Math.Abs(amount).ToString("N1", culture))
        : Math.Abs(amount).ToString("N0", culture);

    public string Count(double value) => value.ToString("N0", culture);

    /// <summary>"Quý III/2026" or "Q3 2026" (a column header).</summary>
    public string Quarter(Quarter quarter) => quarter.ToDisplayString(culture);

    /// <summary>"quý III/2026" inside a Vietnamese sentence; "Q3 2026" in English.</summary>
    public string QuarterInSentence(Quarter quarter)
    {
        var text = quarter.ToDisplayString(culture);
        return IsVietnamese ? char.ToLower(text[0], culture) + text[1..] : text;
    }

    public static string RomanOf(Quarter quarter) => Roman[quarter.Number - 1];

    /// <summary>"dd/MM/yyyy HH:mm" in Vietnamese, the culture's general pattern otherwise.</summary>
    public string DateTime(DateTimeOffset value) =>
        value.ToString(IsVietnamese ? "dd/MM/yyyy HH:mm" : "yyyy-MM-dd HH:mm", culture);
}
