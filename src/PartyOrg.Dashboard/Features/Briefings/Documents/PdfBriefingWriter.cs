using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace PartyOrg.Dashboard.Features.Briefings.Documents;

/// <summary>
/// The briefing as a PDF (PDFsharp): A4, real text in a serif font embedded whole (every Vietnamese mark
/// is drawn from the font itself, and the text can be selected and searched), tables that continue on the
/// next page with their header row repeated and never cut a row, charts as images, page numbers.
/// </summary>
public static class PdfBriefingWriter
{
    public static byte[] Write(BriefingModel model, IReadOnlyList<(byte[] Png, int Width, int Height)> charts)
    {
        BriefingFonts.UseForPdf();
        using var document = new PdfDocument();
        document.Info.Title = $"{model.Header.Title} {model.Header.Subject}";
        document.Info.Author = model.Header.Issuer;
        document.Info.Subject = model.Provenance;
        var t = model.Texts;
        using (var page = new PdfFlow(document))
        {
            var h = model.Header;
            page.Columns(
                [(0.42, [(h.IssuerParent, page.Regular), (h.Issuer, page.Bold), (h.IssuerMark, page.Regular), (h.Number, page.Regular)]),
                 (0.58, [(h.PartyName, page.BoldUnderlined), (string.Empty, page.Regular), (h.PlaceAndDate, page.Italic)])]);
            page.Space(18);
            page.Paragraph(h.Title, page.Title, XParagraphAlignment.Center);
            page.Paragraph(h.Subject, page.Bold, XParagraphAlignment.Center);
            page.Paragraph("-----", page.Bold, XParagraphAlignment.Center);
            page.Space(6);
            page.Paragraph(model.Introduction, page.Regular, XParagraphAlignment.Justify, firstLineIndent: 28);
            page.Paragraph(model.Provenance, page.SmallItalic, XParagraphAlignment.Justify, firstLineIndent: 28);

            for (var i = 0; i < model.Sections.Count; i++)
            {
                var section = model.Sections[i];
                page.Space(10);
                page.KeepWithNext(60);
                page.Paragraph(section.Heading, page.Bold, XParagraphAlignment.Left);
                foreach (var sentence in section.Narrative)
                {
                    page.Paragraph(sentence, page.Regular, XParagraphAlignment.Justify, firstLineIndent: 28);
                }

                page.Space(4);
                page.KeepWithNext(60);
                page.Paragraph(section.Figures.Caption, page.CaptionFont, XParagraphAlignment.Left);
                page.Table(
                    [3.0, 1.2, 1.2, 1.5, 1.2, 1.5],
                    section.Figures.Headers,
                    section.Figures.Rows.Select(f => (IReadOnlyList<string>)
                    [
                        f.Label, f.Suppressed ? t["SuppressedMark"] : t.Value(f.Current, f.Kind), t.Value(f.Previous, f.Kind),
                        t.Delta(f.DeltaPrevious, f.Kind), t.Value(f.LastYear, f.Kind), t.Delta(f.DeltaLastYear, f.Kind),
                    ]).ToList(),
                    [false, true, true, true, true, true]);
                page.Space(4);
                page.KeepWithNext(60);
                page.Paragraph(section.Table.Caption, page.CaptionFont, XParagraphAlignment.Left);
                if (section.Table.Rows.Count > 0)
                {
                    page.Table(
                        section.Table.Columns.Select(c => c.Width).ToArray(),
                        section.Table.Columns.Select(c => c.Header).ToList(),
                        section.Table.Rows.Select(r => (IReadOnlyList<string>)r.Select(c => DocxBriefingWriter.CellText(c, t)).ToList()).ToList(),
                        section.Table.Columns.Select(c => c.Kind != BriefingCellKind.Text).ToArray());
                }

                if (section.Table.Note is { } note)
                {
                    page.Paragraph(note, page.SmallItalic, XParagraphAlignment.Left);
                }

                if (section.Table.Rows.Count > 0 || section.Chart.Series.Any(s => s.Values.Any(v => v is not null)))
                {
                    page.Space(6);
                    page.Image(charts[i].Png, charts[i].Width, charts[i].Height);
                }
            }

            page.Space(18);
            page.KeepWithNext(110);
            var closing = model.Closing;
            page.Columns(
                [(0.5, [(closing.RecipientsHeading, page.SmallBoldItalic), .. closing.Recipients.Select(r => (r, page.Small))]),
                 (0.5, [(closing.SignOnBehalf, page.Bold), (closing.SignTitle, page.Bold)])],
                leftAligned: true);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}

/// <summary>A small flow layout over PDFsharp: paragraphs, tables and images down the pages, then page numbers.</summary>
internal sealed class PdfFlow : IDisposable
{
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Left = 85.04;
    private const double Right = 56.69;
    private const double Top = 56.69;
    private const double Bottom = 62;
    private const double ContentWidth = PageWidth - Left - Right;
    private const double CellPadding = 3;

    private static readonly XPdfFontOptions Embedded = new(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile);
    private readonly PdfDocument _document;
    private XGraphics _graphics = null!;
    private double _y;

    public PdfFlow(PdfDocument document)
    {
        _document = document;
        NewPage();
    }

    public XFont Regular { get; } = Font(13, XFontStyleEx.Regular);

    public XFont Bold { get; } = Font(13, XFontStyleEx.Bold);

    public XFont BoldUnderlined { get; } = Font(13, XFontStyleEx.Bold | XFontStyleEx.Underline);

    public XFont Italic { get; } = Font(13, XFontStyleEx.Italic);

    public XFont Title { get; } = Font(15, XFontStyleEx.Bold);

    public XFont CaptionFont { get; } = Font(12, XFontStyleEx.BoldItalic);

    public XFont Small { get; } = Font(11, XFontStyleEx.Regular);

    public XFont SmallItalic { get; } = Font(11, XFontStyleEx.Italic);

    public XFont SmallBoldItalic { get; } = Font(12, XFontStyleEx.BoldItalic);

    private XFont TableFont { get; } = Font(10.5, XFontStyleEx.Regular);

    private XFont TableHeaderFont { get; } = Font(10.5, XFontStyleEx.Bold);

    private const double Limit = PageHeight - Bottom;

    public void Space(double points) => _y = Math.Min(_y + points, Limit);

    /// <summary>Starts a new page unless <paramref name="points"/> still fit (a heading stays with what follows).</summary>
    public void KeepWithNext(double points)
    {
        if (_y + points > Limit)
        {
            NewPage();
        }
    }

    public void Paragraph(string text, XFont font, XParagraphAlignment alignment, double firstLineIndent = 0, double x = Left, double width = ContentWidth)
    {
        var lineHeight = LineHeight(font);
        var lines = Wrap(text, font, width, firstLineIndent);
        for (var i = 0; i < lines.Count; i++)
        {
            if (_y + lineHeight > Limit)
            {
                NewPage();
            }

            var indent = i == 0 ? firstLineIndent : 0;
            var last = i == lines.Count - 1;
            DrawLine(lines[i], font, x + indent, width - indent, alignment == XParagraphAlignment.Justify && last ? XParagraphAlignment.Left : alignment);
            _y += lineHeight;
        }

        _y += font.Size * 0.35;
    }

    /// <summary>Blocks of lines side by side (the document header, the closing block), each centred in its column.</summary>
    public void Columns(IReadOnlyList<(double Share, IReadOnlyList<(string Text, XFont Font)> Lines)> columns, bool leftAligned = false)
    {
        var start = _y;
        var x = Left;
        var end = start;
        for (var c = 0; c < columns.Count; c++)
        {
            var width = ContentWidth * columns[c].Share;
            _y = start;
            foreach (var (text, font) in columns[c].Lines)
            {
                var alignment = leftAligned && c == 0 ? XParagraphAlignment.Left : XParagraphAlignment.Center;
                foreach (var line in Wrap(text, font, width - 4, 0))
                {
                    DrawLine(line, font, x + 2, width - 4, alignment);
                    _y += LineHeight(font);
                }
            }

            end = Math.Max(end, _y);
            x += width;
        }

        _y = end;
    }

    /// <summary>
    /// A bordered table: rows are never split; when the next row does not fit, the table continues on a
    /// new page under a repeated header row.
    /// </summary>
    public void Table(double[] shares, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, bool[] numeric)
    {
        var total = shares.Sum();
        var widths = shares.Select(s => ContentWidth * s / total).ToArray();
        var headerHeight = RowHeight(headers, widths, TableHeaderFont);
        var firstRow = rows.Count > 0 ? RowHeight(rows[0], widths, TableFont) : 0;
        if (_y + headerHeight + firstRow > Limit)
        {
            NewPage();
        }

        DrawRow(headers, widths, TableHeaderFont, headerHeight, header: true, numeric);
        foreach (var row in rows)
        {
            var height = RowHeight(row, widths, TableFont);
            if (_y + height > Limit)
            {
                NewPage();
                DrawRow(headers, widths, TableHeaderFont, headerHeight, header: true, numeric);
            }

            DrawRow(row, widths, TableFont, height, header: false, numeric);
        }

        _y += 4;
    }

    /// <summary>An image the width of the text (smaller if it would not fit on a page), on the next page when needed.</summary>
    public void Image(byte[] png, int pixelWidth, int pixelHeight)
    {
        var width = ContentWidth;
        var height = width * pixelHeight / pixelWidth;
        var maxHeight = Limit - Top;
        if (height > maxHeight)
        {
            width *= maxHeight / height;
            height = maxHeight;
        }

        if (_y + height > Limit)
        {
            NewPage();
        }

        using var stream = new MemoryStream(png);
        using var image = XImage.FromStream(stream);
        _graphics.DrawImage(image, Left + (ContentWidth - width) / 2, _y, width, height);
        _y += height + 6;
    }

    public void Dispose()
    {
        _graphics.Dispose();
        var font = Font(11, XFontStyleEx.Regular);
        for (var i = 0; i < _document.PageCount; i++)
        {
            using var graphics = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            graphics.DrawString((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), font, XBrushes.Black,
                new XRect(Left, PageHeight - 40, ContentWidth, 14), XStringFormats.TopCenter);
        }
    }

    private static XFont Font(double size, XFontStyleEx style) => new(BriefingFonts.Family, size, style, Embedded);

    private static double LineHeight(XFont font) => font.Size * 1.3;

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        _graphics = XGraphics.FromPdfPage(page);
        _y = Top;
    }

    private double RowHeight(IReadOnlyList<string> cells, double[] widths, XFont font) =>
        cells.Select((c, i) => Wrap(c, font, widths[i] - 2 * CellPadding, 0).Count).Max() * LineHeight(font) + 2 * CellPadding;

    private void DrawRow(IReadOnlyList<string> cells, double[] widths, XFont font, double height, bool header, bool[] numeric)
    {
        var x = Left;
        for (var i = 0; i < cells.Count; i++)
        {
            var rect = new XRect(x, _y, widths[i], height);
            if (header)
            {
                _graphics.DrawRectangle(new XSolidBrush(XColor.FromArgb(0xF2, 0xE6, 0xE6)), rect);
            }

            _graphics.DrawRectangle(new XPen(XColors.Black, 0.5), rect);
            var saved = _y;
            _y += CellPadding;
            var alignment = header ? XParagraphAlignment.Center : numeric[i] ? XParagraphAlignment.Right : XParagraphAlignment.Left;
            foreach (var line in Wrap(cells[i], font, widths[i] - 2 * CellPadding, 0))
            {
                DrawLine(line, font, x + CellPadding, widths[i] - 2 * CellPadding, alignment);
                _y += LineHeight(font);
            }

            _y = saved;
            x += widths[i];
        }

        _y += height;
    }

    private void DrawLine(string line, XFont font, double x, double width, XParagraphAlignment alignment)
    {
        if (line.Length == 0)
        {
            return;
        }

        var rect = new XRect(x, _y, width, LineHeight(font));
        if (alignment == XParagraphAlignment.Justify)
        {
            var words = line.Split(' ');
            var gap = words.Length > 1
                ? (width - words.Sum(w => _graphics.MeasureString(w, font).Width)) / (words.Length - 1)
                : 0;
            var left = x;
            foreach (var word in words)
            {
                _graphics.DrawString(word, font, XBrushes.Black, new XRect(left, _y, width, LineHeight(font)), XStringFormats.TopLeft);
                left += _graphics.MeasureString(word, font).Width + gap;
            }

            return;
        }

        var format = alignment switch
        {
            XParagraphAlignment.Center => XStringFormats.TopCenter,
            XParagraphAlignment.Right => XStringFormats.TopRight,
            _ => XStringFormats.TopLeft,
        };
        _graphics.DrawString(line, font, XBrushes.Black, rect, format);
    }

    /// <summary>Greedy word wrap; a word longer than the line is broken by characters.</summary>
    private List<string> Wrap(string text, XFont font, double width, double firstLineIndent)
    {
        var lines = new List<string>();
        var current = string.Empty;
        var available = width - firstLineIndent;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (_graphics.MeasureString(candidate, font).Width <= available)
            {
                current = candidate;
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(current);
                available = width;
            }

            current = word;
            while (_graphics.MeasureString(current, font).Width > available && current.Length > 1)
            {
                var cut = current.Length - 1;
                while (cut > 1 && _graphics.MeasureString(current[..cut], font).Width > available)
                {
                    cut--;
                }

                lines.Add(current[..cut]);
                current = current[cut..];
                available = width;
            }
        }

        lines.Add(current);
        return lines;
    }
}
