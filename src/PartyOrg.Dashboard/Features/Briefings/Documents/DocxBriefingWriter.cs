using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PartyOrg.Dashboard.Features.Dashboard;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace PartyOrg.Dashboard.Features.Briefings.Documents;

/// <summary>
/// The briefing as an editable Word document (Open XML SDK): A4 with the margins of Hướng dẫn 36-HD/VPTW,
/// real styles (Normal 13 pt serif, headings, captions, table text), real tables whose header row repeats on
/// every page and whose rows never split, charts as embedded PNG pictures, and a PAGE field in the footer.
/// </summary>
public static class DocxBriefingWriter
{
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginLeft = 1701;
    private const int MarginRight = 1134;
    private const int MarginTop = 1134;
    private const int MarginBottom = 1134;
    private const int ContentWidth = PageWidth - MarginLeft - MarginRight;
    private const long EmuPerTwip = 635;

    public static byte[] Write(BriefingModel model, IReadOnlyList<(byte[] Png, int Width, int Height)> charts)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main, model.Texts.IsVietnamese ? "vi-VN" : "en-US");
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(new Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }, new Justification { Val = JustificationValues.Center }),
                new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
                new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
                new Run(new Text("1")),
                new Run(new FieldChar { FieldCharType = FieldCharValues.End })));

            var body = new Body();
            Header(body, model);
            body.Append(Para(model.Introduction, "Normal"));
            body.Append(Para(model.Provenance, "Provenance"));
            uint pictureId = 1;
            for (var i = 0; i < model.Sections.Count; i++)
            {
                var section = model.Sections[i];
                body.Append(Para(section.Heading, "Heading1"));
                foreach (var sentence in section.Narrative)
                {
                    body.Append(Para(sentence, "Normal"));
                }

                body.Append(Para(section.Figures.Caption, "Caption"));
                body.Append(FigureTable(section.Figures, model.Texts));
                body.Append(Para(section.Table.Caption, "Caption"));
                if (section.Table.Rows.Count > 0)
                {
                    body.Append(UnitTable(section.Table, model.Texts));
                }

                if (section.Table.Note is { } note)
                {
                    body.Append(Para(note, "Note"));
                }

                if (section.Table.Rows.Count > 0 || section.Chart.Kind == BriefingChartKind.Bars && section.Chart.Series.Any(s => s.Values.Any(v => v is not null)))
                {
                    body.Append(Picture(main, charts[i], pictureId++, section.Chart.Title));
                }
            }

            Closing(body, model.Closing);
            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = MarginTop, Right = MarginRight, Bottom = MarginBottom, Left = MarginLeft, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new Document(body);
            document.PackageProperties.Title = $"{model.Header.Title} {model.Header.Subject}";
            document.PackageProperties.Creator = model.Header.Issuer;
        }

        return stream.ToArray();
    }

    private static void Header(Body body, BriefingModel model)
    {
        var h = model.Header;
        var left = new[]
        {
            Para(h.IssuerParent, "HeaderLine"),
            Para(h.Issuer, "HeaderLine", bold: true),
            Para(h.IssuerMark, "HeaderLine"),
            Para(h.Number, "HeaderLine"),
        };
        var right = new[]
        {
            Para(h.PartyName, "HeaderLine", bold: true, underline: true),
            Para(string.Empty, "HeaderLine"),
            Para(h.PlaceAndDate, "HeaderLine", italic: true),
        };
        body.Append(LayoutTable([(0.42, left), (0.58, right)]));
        body.Append(Para(h.Title, "Title"));
        body.Append(Para(h.Subject, "Subtitle"));
        body.Append(Para("-----", "Subtitle"));
    }

    private static void Closing(Body body, BriefingClosing closing)
    {
        var left = new List<Paragraph> { Para(closing.RecipientsHeading, "Recipients", bold: true, italic: true) };
        left.AddRange(closing.Recipients.Select(r => Para(r, "Recipients")));
        var right = new[] { Para(closing.SignOnBehalf, "HeaderLine", bold: true), Para(closing.SignTitle, "HeaderLine", bold: true) };
        body.Append(Para(string.Empty, "Normal"));
        body.Append(LayoutTable([(0.5, left.ToArray()), (0.5, right)]));
    }

    /// <summary>A borderless two-column table that places blocks side by side (header, closing).</summary>
    private static Table LayoutTable(IReadOnlyList<(double Share, Paragraph[] Content)> columns)
    {
        var widths = columns.Select(c => (int)(ContentWidth * c.Share)).ToArray();
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = ContentWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
                    new RightBorder { Val = BorderValues.None }, new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableLook { Val = "0000" }),
            new TableGrid(widths.Select(w => new GridColumn { Width = W(w) })));
        var row = new TableRow(new TableRowProperties(new CantSplit()));
        for (var i = 0; i < columns.Count; i++)
        {
            row.Append(new TableCell(columns[i].Content.Prepend<OpenXmlElement>(new TableCellProperties(new TableCellWidth { Width = W(widths[i]), Type = TableWidthUnitValues.Dxa }))));
        }

        table.Append(row);
        return table;
    }

    private static Table FigureTable(BriefingFigureTable figures, BriefingTexts t)
    {
        double[] shares = [3.0, 1.2, 1.2, 1.5, 1.2, 1.5];
        var rows = figures.Rows.Select(f => (IReadOnlyList<(string, bool)>)
        [
            (f.Label, false),
            (f.Suppressed ? t["SuppressedMark"] : t.Value(f.Current, f.Kind), true),
            (t.Value(f.Previous, f.Kind), true),
            (t.Delta(f.DeltaPrevious, f.Kind), true),
            (t.Value(f.LastYear, f.Kind), true),
            (t.Delta(f.DeltaLastYear, f.Kind), true),
        ]).ToList();
        return DataTable(figures.Headers, shares, rows);
    }

    private static Table UnitTable(BriefingTable table, BriefingTexts t)
    {
        var rows = table.Rows.Select(r => (IReadOnlyList<(string, bool)>)r.Select(c => (CellText(c, t), c.Kind != BriefingCellKind.Text)).ToList()).ToList();
        return DataTable(table.Columns.Select(c => c.Header).ToList(), table.Columns.Select(c => c.Width).ToArray(), rows);
    }

    internal static string CellText(BriefingCell cell, BriefingTexts t) => cell switch
    {
        { Suppressed: true } => t["SuppressedMark"],
        { Kind: BriefingCellKind.Text } => cell.Text ?? string.Empty,
        { Kind: BriefingCellKind.Count } => t.Value(cell.Number, MetricKind.Count),
        _ => t.Value(cell.Number, MetricKind.Rate),
    };

    /// <summary>A bordered table: the first row is the header (repeated on every page), no row splits across pages.</summary>
    private static Table DataTable(IReadOnlyList<string> headers, double[] shares, IReadOnlyList<IReadOnlyList<(string Text, bool Number)>> rows)
    {
        var total = shares.Sum();
        var widths = shares.Select(s => (int)(ContentWidth * s / total)).ToArray();
        var table = new Table(
            new TableProperties(
                new TableStyle { Val = "BriefingTable" },
                new TableWidth { Width = W(widths.Sum()), Type = TableWidthUnitValues.Dxa },
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableLook { Val = "0020", FirstRow = true, LastRow = false, FirstColumn = false, LastColumn = false, NoHorizontalBand = true, NoVerticalBand = true }),
            new TableGrid(widths.Select(w => new GridColumn { Width = W(w) })));
        var header = new TableRow(new TableRowProperties(new CantSplit(), new TableHeader()));
        for (var i = 0; i < headers.Count; i++)
        {
            header.Append(Cell(headers[i], widths[i], "TableHeading", shaded: true));
        }

        table.Append(header);
        foreach (var row in rows)
        {
            var tr = new TableRow(new TableRowProperties(new CantSplit()));
            for (var i = 0; i < row.Count; i++)
            {
                tr.Append(Cell(row[i].Text, widths[i], row[i].Number ? "TableNumber" : "TableText", shaded: false));
            }

            table.Append(tr);
        }

        return table;
    }

    private static TableCell Cell(string text, int width, string style, bool shaded)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = W(width), Type = TableWidthUnitValues.Dxa });
        if (shaded)
        {
            properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "F2E6E6" });
        }

        properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        return new TableCell(properties, Para(text, style));
    }

    private static Paragraph Picture(MainDocumentPart main, (byte[] Png, int Width, int Height) chart, uint id, string title)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var png = new MemoryStream(chart.Png))
        {
            part.FeedData(png);
        }

        var relationship = main.GetIdOfPart(part);
        long cx = ContentWidth * EmuPerTwip;
        var cy = cx * chart.Height / chart.Width;
        var maxHeight = (PageHeight - MarginTop - MarginBottom - 1400) * EmuPerTwip;
        if (cy > maxHeight)
        {
            cx = cx * maxHeight / cy;
            cy = maxHeight;
        }

        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = $"Chart {id}", Description = title },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(
                        new PIC.NonVisualDrawingProperties { Id = id, Name = $"chart{id}.png", Description = title },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationship }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0,
        };
        return new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = "Figure" }),
            new Run(new Drawing(inline)));
    }

    private static Paragraph Para(string text, string style, bool bold = false, bool italic = false, bool underline = false)
    {
        var paragraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        if (text.Length == 0)
        {
            return paragraph;
        }

        var run = new Run();
        if (bold || italic || underline)
        {
            var properties = new RunProperties();
            if (bold)
            {
                properties.Append(new Bold());
            }

            if (italic)
            {
                properties.Append(new Italic());
            }

            if (underline)
            {
                properties.Append(new Underline { Val = UnderlineValues.Single });
            }

            run.Append(properties);
        }

        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        paragraph.Append(run);
        return paragraph;
    }

    private static string W(int twips) => twips.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AddStyles(MainDocumentPart main, string language)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = BriefingFonts.DocxFamily, HighAnsi = BriefingFonts.DocxFamily, ComplexScript = BriefingFonts.DocxFamily, EastAsia = BriefingFonts.DocxFamily },
                    new FontSize { Val = "26" },
                    new FontSizeComplexScript { Val = "26" },
                    new Languages { Val = language })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Append(
            ParagraphStyle("Normal", "Normal", null, isDefault: true,
                pPr: new StyleParagraphProperties(new SpacingBetweenLines { Before = "60", After = "60", Line = "288", LineRule = LineSpacingRuleValues.Auto }, new Indentation { FirstLine = "567" }, new Justification { Val = JustificationValues.Both })),
            ParagraphStyle("Heading1", "heading 1", "Normal",
                pPr: new StyleParagraphProperties(new KeepNext(), new KeepLines(), new SpacingBetweenLines { Before = "240", After = "120" }, new Indentation { FirstLine = "0" }, new Justification { Val = JustificationValues.Left }, new OutlineLevel { Val = 0 }),
                rPr: new StyleRunProperties(new Bold(), new BoldComplexScript())),
            ParagraphStyle("Title", "Title", "Normal",
                pPr: new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "360", After = "0" }, new Indentation { FirstLine = "0" }, new Justification { Val = JustificationValues.Center }),
                rPr: new StyleRunProperties(new Bold(), new BoldComplexScript(), new FontSize { Val = "30" }, new FontSizeComplexScript { Val = "30" })),
            ParagraphStyle("Subtitle", "Subtitle", "Normal",
                pPr: new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "0", After = "120" }, new Indentation { FirstLine = "0" }, new Justification { Val = JustificationValues.Center }),
                rPr: new StyleRunProperties(new Bold(), new BoldComplexScript(), new FontSize { Val = "28" }, new FontSizeComplexScript { Val = "28" })),
            ParagraphStyle("HeaderLine", "Header line", "Normal",
                pPr: new StyleParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }, new Indentation { FirstLine = "0" }, new Justification { Val = JustificationValues.Center })),
            ParagraphStyle("Provenance", "Provenance", "Normal",
                rPr: new StyleRunProperties(new Italic(), new ItalicComplexScript(), new FontSize { Val = "24" }, new FontSizeComplexScript { Val = "24" })),
            ParagraphStyle("Caption", "caption", "Normal",
                pPr: new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "120", After = "60" }, new Indentation { FirstLine = "0" }, new Justification { Val = JustificationValues.Left }),
                rPr: new StyleRunProperties(new Bold(), new Italic(), new FontSize { Val = "24" }, new FontSizeComplexScript { Val = "24" })),
            ParagraphStyle("TableText", "Table text", "Normal",
                pPr: new StyleParagraphProperties(new SpacingBetweenLines { Before = "20", After = "20", Line = "240", LineRule = LineSpacingRuleValues.Auto }, new Indentation { FirstLine = "0" }, new Justification { Val = JustificationValues.Left }),
                rPr: new StyleRunProperties(new FontSize { Val = "22" }, new FontSizeComplexScript { Val = "22" })),
            ParagraphStyle("TableNumber", "Table number", "TableText",
                pPr: new StyleParagraphProperties(new Justification { Val = JustificationValues.Right })),
            ParagraphStyle("TableHeading", "Table heading", "TableText",
                pPr: new StyleParagraphProperties(new KeepNext(), new Justification { Val = JustificationValues.Center }),
                rPr: new StyleRunProperties(new Bold(), new BoldComplexScript())),
            ParagraphStyle("Note", "Note", "Normal",
                pPr: new StyleParagraphProperties(new Indentation { FirstLine = "0" }),
                rPr: new StyleRunProperties(new Italic(), new FontSize { Val = "22" }, new FontSizeComplexScript { Val = "22" })),
            ParagraphStyle("Figure", "Figure", "Normal",
                pPr: new StyleParagraphProperties(new SpacingBetweenLines { Before = "120", After = "120" }, new Indentation { FirstLine = "0" }, new Justification { Val = JustificationValues.Center })),
            ParagraphStyle("Recipients", "Recipients", "Normal",
                pPr: new StyleParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }, new Indentation { FirstLine = "0" }, new Justification { Val = JustificationValues.Left }),
                rPr: new StyleRunProperties(new FontSize { Val = "22" }, new FontSizeComplexScript { Val = "22" })),
            ParagraphStyle("Footer", "footer", "Normal",
                pPr: new StyleParagraphProperties(new Indentation { FirstLine = "0" }, new Justification { Val = JustificationValues.Center })),
            new Style(
                new StyleName { Val = "Briefing table" },
                new UIPriority { Val = 59 },
                new StyleTableProperties(
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                        new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                        new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                        new RightBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                        new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" }),
                    new TableCellMarginDefault(
                        new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                        new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                        new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                        new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })))
            {
                Type = StyleValues.Table,
                StyleId = "BriefingTable",
            });
        part.Styles = styles;
    }

    private static Style ParagraphStyle(string id, string name, string? basedOn, bool isDefault = false, StyleParagraphProperties? pPr = null, StyleRunProperties? rPr = null)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
        }

        style.Append(new StyleName { Val = name });
        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn });
        }

        style.Append(new PrimaryStyle());
        if (pPr is not null)
        {
            style.Append(pPr);
        }

        if (rPr is not null)
        {
            style.Append(rPr);
        }

        return style;
    }
}
