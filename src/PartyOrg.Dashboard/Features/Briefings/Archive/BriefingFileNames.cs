using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Briefings.Archive;

/// <summary>File names of archived briefings: safe to store, and sent in a Content-Disposition every browser reads.</summary>
public static class BriefingFileNames
{
    /// <summary>
    /// The renderer's file name without any directory part or control character, with the format's
    /// extension; a default (<c>bao-cao-2026-Q3-TV.pdf</c>) when nothing usable is left.
    /// </summary>
    public static string Sanitize(string? name, Quarter quarter, string scopeCode, BriefingFormat format)
    {
        var extension = "." + BriefingFormats.Name(format);
        var text = Path.GetFileName((name ?? string.Empty).Replace('\\', '/')).Normalize(NormalizationForm.FormC);
        var cleaned = new string(text.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim().Trim('.');
        if (string.IsNullOrWhiteSpace(Path.GetFileNameWithoutExtension(cleaned)))
        {
            cleaned = string.Create(CultureInfo.InvariantCulture, $"bao-cao-{quarter}-{scopeCode}");
        }

        if (!cleaned.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
        {
            cleaned += extension;
        }

        return cleaned.Length <= 200 ? cleaned : cleaned[..(200 - extension.Length)] + extension;
    }

    /// <summary>"Báo cáo quý III-2026 Tiểu Cần.pdf" → "Bao cao quy III-2026 Tieu Can.pdf" (for clients that ignore filename*).</summary>
    public static string AsciiFallback(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Replace('Đ', 'D').Replace('đ', 'd').Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c is >= ' ' and <= '~' && c != '"' && c != '\\' ? c : '_');
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary><c>attachment; filename="ascii"; filename*=UTF-8''percent-encoded</c> (RFC 6266 / RFC 5987).</summary>
    public static string ContentDisposition(string name)
    {
        var header = new ContentDispositionHeaderValue("attachment") { FileName = AsciiFallback(name) };
        header.SetHttpFileName(name);
        header.FileName = AsciiFallback(name);
        return header.ToString();
    }
}
