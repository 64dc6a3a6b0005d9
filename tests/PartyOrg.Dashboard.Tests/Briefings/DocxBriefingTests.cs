using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using PartyOrg.Dashboard.Features.Briefings;
using PartyOrg.Dashboard.Tests.DemoData;

namespace PartyOrg.Dashboard.Tests.Briefings;

/// <summary>The DOCX of the province's 2024-Q4 briefing, opened with the Open XML SDK.</summary>
[Collection(BriefingGroup.Name)]
public sealed class DocxBriefingTests(SeededDemoDatabases databases, BriefingDatabase briefings)
{
    private async Task<WordprocessingDocument> OpenAsync()
    {
        var rendered = await briefings.ProvinceAsync(databases, BriefingDatabase.Vietnamese);
        var file = rendered.Files.Single(f => f.Format == BriefingFormat.Docx);
        return WordprocessingDocument.Open(new MemoryStream(file.Content), false);
    }

    private static List<string> Paragraphs(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();

    [Fact]
    public async Task Validator_FindsNoErrors()
    {
        using var document = await OpenAsync();

        var errors = new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(document, TestContext.Current.CancellationToken)
            .Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Header_DateLine_AndEverySectionHeading_ArePresent()
    {
        using var document = await OpenAsync();
        var paragraphs = Paragraphs(document);

        foreach (var text in new[]
        {
            "ĐẢNG BỘ TỈNH TRÀ VINH", "BAN TỔ CHỨC", "*", "ĐẢNG CỘNG SẢN VIỆT NAM", "Trà Vinh, ngày 26 tháng 11 năm 2026", "BÁO CÁO",
            "Tình hình tổ chức cơ sở đảng và chất lượng sinh hoạt chi bộ quý IV năm 2024",
            "I. CƠ CẤU TỔ CHỨC VÀ ĐẢNG VIÊN", "II. TÍNH ĐỀU ĐẶN VÀ TỶ LỆ DỰ SINH HOẠT CHI BỘ", "III. XẾP LOẠI CHẤT LƯỢNG BUỔI SINH HOẠT",
            "IV. KẾT QUẢ KHẢO SÁT CHẤT LƯỢNG SINH HOẠT CHI BỘ", "V. NHÂN RỘNG MÔ HÌNH, CÁCH LÀM", "VI. ĐƠN VỊ CẦN QUAN TÂM", "Nơi nhận:",
        })
        {
            Assert.Contains(text, paragraphs);
        }

        Assert.Contains(paragraphs, p => p.StartsWith("Số ", StringComparison.Ordinal) && p.EndsWith("-BC/BTCTU", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.StartsWith("Số liệu tổng hợp phiên bản ", StringComparison.Ordinal));
        var headings = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
        Assert.Equal(6, headings.Count);
    }

    [Fact]
    public async Task UnitTables_HoldEveryChildOfTheQuarter_UnderARepeatingHeaderRow()
    {
        var prepared = await briefings.GetAsync(databases);
        var tree = await prepared.TreeAsync(BriefingDatabase.Quarter);
        var children = tree.Children(tree.Find("TV")!.Id).Select(c => c.Name).ToList();
        using var document = await OpenAsync();

        var tables = document.MainDocumentPart!.Document!.Body!.Elements<Table>()
            .Where(t => t.Elements<TableRow>().First().InnerText.StartsWith("Đơn vị", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(6, tables.Count);
        foreach (var table in tables.Take(5))
        {
            var rows = table.Elements<TableRow>().ToList();
            Assert.NotNull(rows[0].TableRowProperties?.GetFirstChild<TableHeader>());
            Assert.Equal(children, rows.Skip(1).Select(r => r.Elements<TableCell>().First().InnerText).ToList());
            Assert.All(rows, r => Assert.NotNull(r.TableRowProperties?.GetFirstChild<CantSplit>()));
        }
    }

    [Fact]
    public async Task Page_IsA4_WithAPageNumberFieldInTheFooter_AndChartsArePictures()
    {
        using var document = await OpenAsync();
        var main = document.MainDocumentPart!;
        var section = main.Document!.Body!.GetFirstChild<SectionProperties>() ?? main.Document.Body.Elements<SectionProperties>().Last();

        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal(11906u, size.Width!.Value);
        Assert.Equal(16838u, size.Height!.Value);
        Assert.Contains(main.FooterParts.SelectMany(f => f.Footer!.Descendants<FieldCode>()), c => c.Text.Trim() == "PAGE");
        Assert.Equal(6, main.ImageParts.Count());
        var normal = main.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == "Normal");
        Assert.NotNull(normal);
        var defaults = main.StyleDefinitionsPart.Styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("Times New Roman", defaults.RunFonts!.Ascii!.Value);
        Assert.Equal("26", defaults.FontSize!.Val!.Value);
    }

    [Fact]
    public async Task LibreOffice_OpensTheDocument_AndLaysOutItsHeadingsAndUnits()
    {
        var rendered = await briefings.ProvinceAsync(databases, BriefingDatabase.Vietnamese);
        var file = rendered.Files.Single(f => f.Format == BriefingFormat.Docx);
        var directory = Path.Combine(BriefingDatabase.ArtefactDirectory, "libreoffice");
        Directory.CreateDirectory(directory);
        var docx = Path.Combine(directory, file.FileName);
        await File.WriteAllBytesAsync(docx, file.Content, TestContext.Current.CancellationToken);
        var pdf = Path.ChangeExtension(docx, ".pdf");
        File.Delete(pdf);

        // A private profile, so that a user's LibreOffice (or a second run) never shares its lock.
        var profile = new Uri(Path.Combine(directory, "profile")).AbsoluteUri;
        await PdfBriefingTests.RunAsync("soffice", $"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", directory, docx);
        var text = await PdfBriefingTests.RunAsync("pdftotext", "-layout", pdf, "-");

        foreach (var expected in new[] { "ĐẢNG CỘNG SẢN VIỆT NAM", "BÁO CÁO", "VI. ĐƠN VỊ CẦN QUAN TÂM", "Nơi nhận:", "Tiểu Cần", "Cầu Kè" })
        {
            Assert.Contains(expected, text.Normalize(System.Text.NormalizationForm.FormC), StringComparison.Ordinal);
        }
    }
}
