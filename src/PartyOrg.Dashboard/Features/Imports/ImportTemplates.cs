using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>Templates (CSV and XLSX) and the Markdown reference, all made from the column definitions of <see cref="ImportKinds"/>.</summary>
public static class ImportTemplates
{
    public const string NotesSheet = "Hướng dẫn";
    public const string DataSheet = "Dữ liệu";

    /// <summary>The header row in UTF-8 with a byte order mark (Excel then reads Vietnamese correctly).</summary>
    public static byte[] Csv(ImportKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        using var stream = new MemoryStream();
        using (var writer = CsvWriter.Create(stream, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true))
        {
            writer.WriteHeader([.. kind.Columns.Select(c => c.Name)]);
        }

        return stream.ToArray();
    }

    /// <summary>A workbook: the data sheet with the header row, and the notes sheet in Vietnamese describing each column.</summary>
    public static byte[] Xlsx(ImportKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var header = new Dictionary<string, object>();
        for (var i = 0; i < kind.Columns.Count; i++)
        {
            header[Letter(i)] = kind.Columns[i].Name;
        }

        var notes = new List<Dictionary<string, object>>
        {
            Row("Cột", "Tên", "Bắt buộc", "Kiểu", "Giá trị cho phép", "Ghi chú", "Ví dụ"),
        };
        notes.AddRange(kind.Columns.Select(c => Row(
            c.Name, c.Label, c.Required ? "có" : "không", TypeLabel(c.Type), c.Choices is null ? string.Empty : string.Join(", ", c.Choices), c.Note, c.Example)));
        notes.Add(Row(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty));
        notes.Add(Row(kind.Title, kind.Description, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty));
        notes.Add(Row("Lưu ý", GeneralNote, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty));

        using var stream = new MemoryStream();
        var sheets = new Dictionary<string, object>
        {
            [DataSheet] = new[] { header },
            [NotesSheet] = notes,
        };
        stream.SaveAs(sheets, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private const string GeneralNote =
        "Dòng 1 là tên cột (giữ nguyên, không thêm, không bớt cột). Mỗi dòng sau là một bản ghi. Tệp CSV: UTF-8, dấu phẩy hoặc chấm phẩy. " +
        "Ô bắt đầu bằng =, +, -, @ được giữ nguyên là chữ, không bao giờ được tính như công thức. Một lỗi bất kỳ thì cả tệp không được ghi; " +
        "dòng đã có trong hệ thống được bỏ qua (nhập lại cùng tệp không thêm gì).";

    private static Dictionary<string, object> Row(params string[] values)
    {
        var row = new Dictionary<string, object>();
        for (var i = 0; i < values.Length; i++)
        {
            row[Letter(i)] = values[i];
        }

        return row;
    }

    private static string Letter(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ((char)('A' + index / 26 - 1)).ToString() + (char)('A' + index % 26);

    public static string TypeLabel(ColumnType type) => type switch
    {
        ColumnType.Text => "chữ",
        ColumnType.Code => "mã",
        ColumnType.Date => "ngày",
        ColumnType.WholeNumber => "số nguyên",
        ColumnType.Number => "số thập phân",
        ColumnType.Boolean => "có/không",
        ColumnType.Choice => "một giá trị trong danh sách",
        ColumnType.Quarter => "quý (YYYY-Qn)",
        _ => type.ToString(),
    };

    /// <summary>docs/imports.md: every kind's columns (a test keeps the committed file equal to this).</summary>
    public static string Markdown()
    {
        var b = new StringBuilder();
        b.Append("# Import file layouts\n\n");
        b.Append("Generated from `src/PartyOrg.Dashboard/Features/Imports/ImportKinds.cs` (the test `ImportDocsTests` fails when this file\n");
        b.Append("and the definitions differ; regenerate with `PARTYORG_WRITE_DOCS=1 dotnet test --filter ImportDocsTests`).\n");
        b.Append("Every file has exactly these columns, in any order, and their names as its header row (row 1).\n");
        b.Append("Templates: `import template <kind> --format csv|xlsx --out FILE` or `GET /api/v1/imports/templates/<kind>.xlsx`.\n");
        foreach (var kind in ImportKinds.All)
        {
            b.Append(CultureInfo.InvariantCulture, $"\n## `{kind.Name}` — {kind.Title}\n\n{kind.Description}\n\n");
            b.Append("| column | label | required | type | allowed values | note | example |\n|---|---|---|---|---|---|---|\n");
            foreach (var c in kind.Columns)
            {
                b.Append(CultureInfo.InvariantCulture,
                    $"| `{c.Name}` | {c.Label} | {(c.Required ? "yes" : "no")} | {TypeLabel(c.Type)} | {(c.Choices is null ? string.Empty : string.Join(", ", c.Choices.Select(x => $"`{x}`")))} | {c.Note.Replace("|", "\\|", StringComparison.Ordinal)} | {c.Example} |\n");
            }
        }

        return b.ToString();
    }
}
