using System.Globalization;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Dashboard.Components;

/// <summary>
/// How the dashboard writes its figures in a culture: 45.622 and 94,2 % in vi-VN, 45,622 and 94.2% in
/// en-US; changes signed, rates' changes in percentage points ("+1,3 điểm %", "+1.3 pts").
/// </summary>
public static class DashboardFormat
{
    public const string Missing = "—";

    /// <param name="rateFormat">The localized pattern of a percentage, e.g. "{0} %".</param>
    public static string Value(double? value, MetricKind kind, CultureInfo culture, string rateFormat) => value switch
    {
        null => Missing,
        { } v when kind == MetricKind.Rate => string.Format(culture, rateFormat, v.ToString("N1", culture)),
        { } v => v.ToString("N0", culture),
    };

    /// <param name="pointsFormat">The localized pattern of a change in points, e.g. "{0} điểm %".</param>
    public static string Delta(double? delta, MetricKind kind, CultureInfo culture, string pointsFormat) => delta switch
    {
        null => Missing,
        { } d when kind == MetricKind.Rate => string.Format(culture, pointsFormat, Signed(Math.Round(d, 1), "N1", culture)),
        { } d => Signed(Math.Round(d), "N0", culture),
    };

    /// <summary>▲ for a rise, ▼ for a fall, nothing for no change or no figure.</summary>
    public static string Arrow(double? delta) => delta switch
    {
        > 0 => "▲",
        < 0 => "▼",
        _ => string.Empty,
    };

    /// <summary>A link to a unit's page that keeps the quarter and the chosen metric.</summary>
    public static string UnitHref(string code, Quarter quarter, string? metric) =>
        $"/units/{Uri.EscapeDataString(code)}?quarter={quarter}" + (string.IsNullOrEmpty(metric) ? string.Empty : $"&metric={Uri.EscapeDataString(metric)}");

    private static string Signed(double value, string format, CultureInfo culture) => value switch
    {
        > 0 => "+" + value.ToString(format, culture),
        < 0 => culture.NumberFormat.NegativeSign + (-value).ToString(format, culture),
        _ => 0d.ToString(format, culture),
    };
}
