using PdfSharp.Fonts;
using SkiaSharp;

namespace PartyOrg.Dashboard.Features.Briefings.Documents;

/// <summary>
/// The serif font of the printed briefings, found among the machine's font files: Liberation Serif
/// (Debian's fonts-liberation2; the older fonts-liberation lacks the Vietnamese letters) or else DejaVu
/// Serif (fonts-dejavu-core). Only a family whose files hold every Vietnamese letter is taken, so that a
/// mark is never drawn from a fallback or dropped. The PDF embeds the files whole.
/// </summary>
public sealed class BriefingFonts : IFontResolver
{
    /// <summary>The family name the PDF and the charts ask for; resolved to the files found.</summary>
    public const string Family = "BriefingSerif";

    /// <summary>The family a DOCX names (Word substitutes a Times-like serif when it is missing).</summary>
    public const string DocxFamily = "Times New Roman";

    private const string VietnameseSample = "ĐđẢảẤấẦầẬậẮắẰằẶặÊêỀềỆệÔôỐốỒồỘộƠơỚớỜờỢợƯưỨứỪừỰựỮữỹỸ";

    private static readonly (string Name, string[] Directories, string[] Files)[] Candidates =
    [
        ("Liberation Serif",
            ["/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation", "/usr/share/fonts/liberation"],
            ["LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"]),
        ("DejaVu Serif",
            ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"],
            ["DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"]),
    ];

    private static readonly Lazy<BriefingFonts> Found = new(Find);
    private static readonly Lock Setup = new();
    private readonly string[] _files;
    private readonly byte[]?[] _bytes = new byte[4][];

    private BriefingFonts(string name, string[] files)
    {
        Name = name;
        _files = files;
    }

    /// <summary>The fonts of this machine; throws <see cref="InvalidOperationException"/> naming the packages when none fits.</summary>
    public static BriefingFonts Instance => Found.Value;

    /// <summary>The real family found, e.g. "Liberation Serif".</summary>
    public string Name { get; }

    public string RegularFile => _files[0];

    public string File(bool bold, bool italic) => _files[(bold ? 1 : 0) + (italic ? 2 : 0)];

    /// <summary>Makes PDFsharp resolve every font through these files (once per process; PDFsharp allows no other).</summary>
    public static void UseForPdf()
    {
        var fonts = Instance;
        lock (Setup)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, fonts))
            {
                GlobalFontSettings.FontResolver = fonts;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new($"{Family}#{(bold ? 1 : 0) + (italic ? 2 : 0)}");

    public byte[]? GetFont(string faceName)
    {
        var index = faceName[^1] - '0';
        return _bytes[index] ??= System.IO.File.ReadAllBytes(_files[index]);
    }

    private static BriefingFonts Find()
    {
        var looked = new List<string>();
        foreach (var (name, directories, files) in Candidates)
        {
            foreach (var directory in directories)
            {
                var paths = files.Select(f => Path.Combine(directory, f)).ToArray();
                looked.Add(directory);
                if (paths.All(System.IO.File.Exists) && paths.All(CoversVietnamese))
                {
                    return new BriefingFonts(name, paths);
                }
            }
        }

        throw new InvalidOperationException(
            "No serif font with the Vietnamese letters was found for the briefings (looked in " + string.Join(", ", looked) +
            "). Install Debian's fonts-liberation2 (Liberation Serif) or fonts-dejavu-core.");
    }

    private static bool CoversVietnamese(string path)
    {
        using var typeface = SKTypeface.FromFile(path);
        return typeface is not null && typeface.ContainsGlyphs(VietnameseSample);
    }
}
