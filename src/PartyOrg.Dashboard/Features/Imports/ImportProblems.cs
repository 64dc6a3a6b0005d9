using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>
/// One problem of a file: the row as the user sees it (the header is row 1; 0 = the whole file), the
/// column name, the cell's value, a stable code (the message's resource key) and the message in the UI language.
/// </summary>
public sealed record ImportProblem(int Row, string Column, string? Value, string Code, string Message)
{
    /// <summary>The CLI's line: <c>file:row:column: message (value)</c>.</summary>
    public string ToLine(string fileName) =>
        string.Create(CultureInfo.InvariantCulture, $"{fileName}:{Row}:{Column}: {Message}{(string.IsNullOrEmpty(Value) ? string.Empty : $" ({Value})")}");
}

/// <summary>Problems sharing a code and a column, with their count and the first rows.</summary>
public sealed record ImportProblemGroup(string Code, string Column, int Count, string Example, IReadOnlyList<int> FirstRows);

/// <summary>
/// Every problem of one import, counted; kept in full up to <see cref="MaxKept"/> (for the downloadable
/// list) and grouped by code and column for the summary, so that a file with 10,000 errors still gives a
/// short, usable report.
/// </summary>
public sealed class ImportProblems(IStringLocalizer<ImportText> text)
{
    public const int MaxKept = 200_000;
    private const int RowsPerGroup = 10;

    private readonly List<ImportProblem> _kept = [];
    private readonly Dictionary<(string Code, string Column), (int Count, string Example, List<int> Rows)> _groups = [];

    public int Count { get; private set; }

    public IReadOnlyList<ImportProblem> Kept => _kept;

    public IStringLocalizer<ImportText> Text => text;

    public void Add(int row, string column, string? value, string code, params object?[] args) =>
        Add(new ImportProblem(row, column, value, code, text[code, args!]));

    public void Add(ImportProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Count++;
        if (_kept.Count < MaxKept)
        {
            _kept.Add(problem);
        }

        var key = (problem.Code, problem.Column);
        if (_groups.TryGetValue(key, out var group))
        {
            if (group.Rows.Count < RowsPerGroup)
            {
                group.Rows.Add(problem.Row);
            }

            _groups[key] = (group.Count + 1, group.Example, group.Rows);
        }
        else
        {
            _groups[key] = (1, problem.Message, [problem.Row]);
        }
    }

    public IReadOnlyList<ImportProblemGroup> Groups() =>
        [.. _groups.Select(g => new ImportProblemGroup(g.Key.Code, g.Key.Column, g.Value.Count, g.Value.Example, g.Value.Rows))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Column, StringComparer.Ordinal)];

    /// <summary>The full list as CSV (UTF-8 with BOM, so that Excel opens it in Vietnamese). Cells that a spreadsheet would evaluate are quoted as text.</summary>
    public static byte[] ToCsv(IEnumerable<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var builder = new StringBuilder("row,column,value,code,message\r\n");
        foreach (var p in problems)
        {
            builder.Append(p.Row.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Cell(p.Column)).Append(',').Append(Cell(p.Value)).Append(',')
                .Append(Cell(p.Code)).Append(',').Append(Cell(p.Message)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(builder.ToString())];
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

/// <summary>Marker for <c>ImportText.resx</c> (Vietnamese) and <c>ImportText.en.resx</c>: the messages of imports.</summary>
public sealed class ImportText
{
    private ImportText()
    {
    }
}
