using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using PartyOrg.Dashboard.Features.Dashboard;

namespace PartyOrg.Dashboard.Features.Briefings.Documents;

/// <summary>
/// The briefing as one workbook (MiniExcel): an "about" sheet, a sheet per section (its narrative, key
/// figures with their changes and the table by unit) and the raw metrics of the scope unit and its children.
/// Numbers are written as numbers (percentages as 0–100, the header says "(%)"); a missing figure is an
/// empty cell. Text that a spreadsheet could take for a formula is neutralised (<see cref="Neutralise"/>).
/// </summary>
public static class XlsxBriefingWriter
{
    public static byte[] Write(BriefingModel model)
    {
        var t = model.Texts;
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [SheetName(t["SheetInfo"])] = Info(model),
        };
        foreach (var section in model.Sections)
        {
            sheets[SheetName(section.SheetName)] = Section(section, t);
        }

        sheets[SheetName(t["SheetRaw"])] = Raw(model.RawMetrics);
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: false, excelType: ExcelType.XLSX, configuration: new OpenXmlConfiguration { FastMode = true, EnableAutoWidth = true, MaxWidth = 80 });
        return stream.ToArray();
    }

    /// <summary>
    /// Text beginning with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c> (or a tab or carriage return) gets a leading
    /// apostrophe, the spreadsheet convention for "this is text": it is stored as a string cell and a user who
    /// edits and re-enters it still gets text, never a formula.
    /// </summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static List<Dictionary<string, object?>> Info(BriefingModel model)
    {
        var t = model.Texts;
        var h = model.Header;
        return Rows(
            [
                [t["InfoField"], t["InfoValue"]],
                [h.Title, h.Subject],
                [t["InfoScope"], $"{model.ScopeName} ({model.ScopeCode})"],
                [t["InfoQuarter"], t.Quarter(model.Request.Quarter)],
                [t["InfoDataVersion"], (double)model.DataVersion],
                [t["InfoComputedAt"], t.DateTime(Infrastructure.Time.AppClock.ToLocal(model.ComputedAt))],
                [t["InfoGeneratedOn"], h.PlaceAndDate],
                [h.IssuerParent, h.Issuer],
            ]);
    }

    private static List<Dictionary<string, object?>> Section(BriefingSection section, BriefingTexts t)
    {
        var rows = new List<object?[]> { new object?[] { section.Heading } };
        rows.AddRange(section.Narrative.Select(n => new object?[] { n }));
        rows.Add([]);
        rows.Add([section.Figures.Caption]);
        rows.Add(section.Figures.Headers.Cast<object?>().ToArray());
        foreach (var f in section.Figures.Rows)
        {
            var label = f.Kind == MetricKind.Rate ? t.Format("Percent", f.Label) : f.Label;
            rows.Add([label, f.Current, f.Previous, f.DeltaPrevious, f.LastYear, f.DeltaLastYear]);
        }

        rows.Add([]);
        rows.Add([section.Table.Caption]);
        rows.Add(section.Table.Columns.Select(c => (object?)(c.Kind == BriefingCellKind.Percent ? t.Format("Percent", c.Header) : c.Header)).ToArray());
        rows.AddRange(section.Table.Rows.Select(r => r.Select(c => c.Kind == BriefingCellKind.Text ? c.Text : (object?)c.Number).ToArray()));
        if (section.Table.Note is { } note)
        {
            rows.Add([note]);
        }

        return Rows(rows);
    }

    private static List<Dictionary<string, object?>> Raw(BriefingRawMetrics raw)
    {
        var rows = new List<object?[]> { raw.Headers.Cast<object?>().ToArray() };
        rows.AddRange(raw.Rows.Select(r => new object?[] { r.UnitCode, r.UnitName, r.Key, r.Numerator, r.Denominator, r.Value, r.Suppressed }));
        return Rows(rows);
    }

    /// <summary>Rows of cells into MiniExcel's dictionaries (columns A, B, …), every text neutralised.</summary>
    private static List<Dictionary<string, object?>> Rows(IReadOnlyList<object?[]> rows)
    {
        var width = rows.Max(r => r.Length);
        var columns = Enumerable.Range(0, width).Select(i => ((char)('A' + i)).ToString()).ToArray();
        return rows.Select(r => columns.Select((c, i) => (c, Value: i < r.Length ? Cell(r[i]) : null)).ToDictionary(p => p.c, p => p.Value)).ToList();
    }

    private static object? Cell(object? value) => value switch
    {
        string s => Neutralise(s),
        _ => value,
    };

    /// <summary>Sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(ch => ch is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? ' ' : ch).ToArray()).Trim();
        return clean.Length <= 31 ? clean : clean[..31];
    }
}
