using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using PartyOrg.Dashboard.Features.Briefings;
using PartyOrg.Dashboard.Features.Briefings.Documents;
using PartyOrg.Dashboard.Tests.DemoData;

namespace PartyOrg.Dashboard.Tests.Briefings;

/// <summary>
/// The PDF of the province's 2024-Q4 briefing read back by poppler (text, fonts) and by OCR of a rendered
/// page: extraction alone would pass a PDF that draws "Cần" as "Can", the picture does not.
/// </summary>
[Collection(BriefingGroup.Name)]
public sealed partial class PdfBriefingTests(SeededDemoDatabases databases, BriefingDatabase briefings)
{
    private async Task<string> PdfAsync()
    {
        var rendered = await briefings.ProvinceAsync(databases, BriefingDatabase.Vietnamese);
        var file = rendered.Files.Single(f => f.Format == BriefingFormat.Pdf);
        Assert.Equal("application/pdf", file.ContentType);
        return Path.Combine(BriefingDatabase.ArtefactDirectory, file.FileName);
    }

    [Fact]
    public async Task Text_HoldsTheFiguresInVietnameseFormat_AndEveryDistrict()
    {
        var path = await PdfAsync();
        var prepared = await briefings.GetAsync(databases);
        var tree = await prepared.TreeAsync(BriefingDatabase.Quarter);
        var rows = await prepared.RowsAsync("TV", BriefingDatabase.Quarter);

        var text = Normalise(await RunAsync("pdftotext", "-layout", path, "-"));

        Assert.Contains("ĐẢNG CỘNG SẢN VIỆT NAM", text, StringComparison.Ordinal);
        Assert.Contains("BÁO CÁO", text, StringComparison.Ordinal);
        Assert.Contains("45.622", text, StringComparison.Ordinal);
        var attendance = rows["attendance.rate"].Numerator / rows["attendance.rate"].Denominator * 100;
        Assert.Contains(attendance.ToString("N1", BriefingDatabase.Vietnamese) + " %", text, StringComparison.Ordinal);
        foreach (var child in tree.Children(tree.Find("TV")!.Id))
        {
            Assert.Contains(child.Name, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryFont_IsEmbeddedWhole()
    {
        var path = await PdfAsync();
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        var raw = Encoding.Latin1.GetString(bytes);

        var descriptors = Regex.Count(raw, @"/Type\s*/FontDescriptor");
        var files = FontFileLength().Matches(raw).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(descriptors > 0, "the PDF has no font descriptors");
        Assert.Equal(descriptors, Regex.Count(raw, @"/FontFile2\s+\d+\s+0\s+R"));
        var fontFiles = new[] { (false, false), (true, false), (false, true), (true, true) }
            .Select(s => new FileInfo(BriefingFonts.Instance.File(s.Item1, s.Item2)).Length).ToList();
        Assert.Equal(descriptors, files.Count);
        Assert.All(files, length => Assert.Contains(length, fontFiles));

        var fonts = await RunAsync("pdffonts", path);
        var lines = fonts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(lines);
        Assert.Equal(descriptors, lines.Count);
        Assert.All(lines, l => Assert.Matches(@"\s+yes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$", l));
    }

    [Fact]
    public async Task RenderedPages_ReadByOcr_ShowTheMarksRight()
    {
        var path = await PdfAsync();
        var pageCount = int.Parse(PagesLine().Match(await RunAsync("pdfinfo", path)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var first = await OcrAsync(path, 1);
        Assert.Contains("ĐẢNG CỘNG SẢN VIỆT NAM", first, StringComparison.Ordinal);

        foreach (var word in new[] { "Tiểu Cần", "Chợ" })
        {
            var page = await PageWithAsync(path, pageCount, word);
            Assert.True(page > 0, $"no page of the PDF holds '{word}' in its text");
            var ocr = await OcrAsync(path, page);
            Assert.Contains(word, ocr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Tables_RepeatTheirHeaderOnEveryPageTheyRunOnto()
    {
        var path = await PdfAsync();
        var pageCount = int.Parse(PagesLine().Match(await RunAsync("pdfinfo", path)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var model = await (await briefings.GetAsync(databases)).Builder.BuildAsync(new BriefingRequest(BriefingDatabase.Quarter, "TV", BriefingDatabase.Vietnamese), Ct);
        var attention = model.Sections[^1];
        Assert.True(attention.Table.Rows.Count > 40, "the attention table should be long enough to run over a page");
        var reasonHeader = attention.Table.Columns[^1].Header;
        var lastRow = attention.Table.Rows[^1][0].Text!;

        var pagesWithRows = new List<string>();
        for (var page = 1; page <= pageCount; page++)
        {
            var text = Normalise(await RunAsync("pdftotext", "-layout", "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture), path, "-"));
            if (attention.Table.Rows.Any(r => text.Contains(r[2].Text!, StringComparison.Ordinal)))
            {
                pagesWithRows.Add(text);
            }
        }

        Assert.True(pagesWithRows.Count > 1, "the attention table fits one page; nothing to check");
        Assert.All(pagesWithRows, text => Assert.Contains(reasonHeader, text, StringComparison.Ordinal));
        Assert.Contains(lastRow, pagesWithRows[^1], StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<int> PageWithAsync(string path, int pageCount, string word)
    {
        for (var page = 1; page <= pageCount; page++)
        {
            var p = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Normalise(await RunAsync("pdftotext", "-f", p, "-l", p, path, "-")).Contains(word, StringComparison.Ordinal))
            {
                return page;
            }
        }

        return 0;
    }

    /// <summary>Renders one page at 150 dpi (kept beside the PDF) and reads it with Tesseract's Vietnamese model.</summary>
    private static async Task<string> OcrAsync(string pdf, int page)
    {
        var p = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var prefix = Path.Combine(BriefingDatabase.ArtefactDirectory, $"{Path.GetFileNameWithoutExtension(pdf)}-page{p}");
        await RunAsync("pdftoppm", "-r", "150", "-f", p, "-l", p, "-png", "-singlefile", pdf, prefix);
        Assert.True(File.Exists(prefix + ".png"), $"pdftoppm wrote no {prefix}.png");
        return Normalise(await RunAsync("tesseract", prefix + ".png", "stdout", "-l", "vie"));
    }

    private static string Normalise(string text) => Regex.Replace(text.Normalize(NormalizationForm.FormC), @"[ \t]+", " ");

    internal static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' is missing: scripts/test.sh installs poppler-utils, tesseract-ocr and tesseract-ocr-vie.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
            return await output;
        }
    }

    [GeneratedRegex(@"/Length1\s+(\d+)")]
    private static partial Regex FontFileLength();

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PagesLine();
}
