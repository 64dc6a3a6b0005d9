using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PartyOrg.Dashboard.Features.Briefings.Archive;

/// <summary>The two languages of a briefing: Vietnamese (the official one, the schedule's) and English.</summary>
public static class BriefingCultures
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Vietnamese, English];

    /// <summary><c>vi</c>/<c>vi-VN</c> or <c>en</c>/<c>en-US</c>, any case.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out string? key)
    {
        key = text?.Trim().ToLowerInvariant() switch
        {
            "vi" or "vi-vn" => Vietnamese,
            "en" or "en-us" => English,
            _ => null,
        };
        return key is not null;
    }

    public static CultureInfo ToCulture(string key) =>
        CultureInfo.GetCultureInfo(key == English ? "en-US" : "vi-VN");

    public static string KeyOf(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == English ? English : Vietnamese;
}

/// <summary>The file formats in URLs and on the command line: <c>pdf</c>, <c>docx</c>, <c>xlsx</c>.</summary>
public static class BriefingFormats
{
    public static IReadOnlyList<BriefingFormat> All { get; } = [BriefingFormat.Pdf, BriefingFormat.Docx, BriefingFormat.Xlsx];

    public static string Name(BriefingFormat format) => format.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out BriefingFormat format)
    {
        format = default;
        var match = All.FirstOrDefault(f => string.Equals(Name(f), text?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match == default)
        {
            return false;
        }

        format = match;
        return true;
    }
}
