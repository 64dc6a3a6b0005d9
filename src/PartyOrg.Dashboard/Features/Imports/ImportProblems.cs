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
/// Every problem of one import, counted and grouped by code and column for the summary, so that a file
/// with 10,000 errors still gives a short, usable report. The first <see cref="MaxListed"/> are listed in
/// full for the CLI and the downloadable list: the first <see cref="InMemory"/> in memory, the rest in a
/// temporary file (<see cref="ImportSpool{T}"/>), so that a file full of errors does not fill the memory.
/// A problem's value, column and message are cut to <see cref="MaxValueChars"/> / <see cref="MaxMessageChars"/>
/// characters, so that neither the report nor the list holds a file's worth of cell values.
/// </summary>
public sealed class ImportProblems(IStringLocalizer<ImportText> text) : IDisposable
{
    public const int MaxListed = 200_000;
    public const int InMemory = 1_000;
    public const int MaxValueChars = 200;
    public const int MaxMessageChars = 1_000;
    private const int RowsPerGroup = 10;

    private readonly List<ImportProblem> _first = [];
    private readonly Dictionary<(string Code, string Column), (int Count, string Example, List<int> Rows)> _groups = [];
    private ImportSpool<ImportProblem>? _rest;

    public int Count { get; private set; }

    /// <summary>The first problems (up to <see cref="InMemory"/>), in the order found.</summary>
    public IReadOnlyList<ImportProblem> First => _first;

    public IStringLocalizer<ImportText> Text => text;

    public void Add(int row, string column, string? value, string code, params object?[] args) =>
        Add(new ImportProblem(row, column, value, code, text[code, args!]));

    public void Add(ImportProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Value?.Length > MaxValueChars || problem.Column.Length > MaxValueChars || problem.Message.Length > MaxMessageChars)
        {
            problem = problem with { Value = Cut(problem.Value, MaxValueChars), Column = Cut(problem.Column, MaxValueChars)!, Message = Cut(problem.Message, MaxMessageChars)! };
        }

        Count++;
        if (_first.Count < InMemory)
        {
            _first.Add(problem);
        }
        else if (Count <= MaxListed)
        {
            (_rest ??= new ImportSpool<ImportProblem>(InMemory)).Add(problem);
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

    /// <summary>The listed problems, handed over: the list owns the temporary file from now on.</summary>
    public ImportProblemList Detach()
    {
        var list = new ImportProblemList([.. _first], _rest);
        _rest = null;
        return list;
    }

    public void Dispose()
    {
        _rest?.Dispose();
        _rest = null;
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}

/// <summary>
/// The listed problems of a finished import (up to <see cref="ImportProblems.MaxListed"/>), enumerable
/// any number of times and by several readers at once; dispose to delete the temporary file behind it.
/// </summary>
public sealed class ImportProblemList : IEnumerable<ImportProblem>, IDisposable
{
    private readonly IReadOnlyList<ImportProblem> _first;
    private readonly ImportSpool<ImportProblem>? _rest;

    internal ImportProblemList(IReadOnlyList<ImportProblem> first, ImportSpool<ImportProblem>? rest)
    {
        _first = first;
        _rest = rest;
    }

    public static ImportProblemList Empty { get; } = new([], null);

    /// <summary>How many problems are listed.</summary>
    public int Count => _first.Count + (_rest?.Count ?? 0);

    public IEnumerator<ImportProblem> GetEnumerator() =>
        (_rest is null ? _first : _first.Concat(_rest.Rows())).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Writes the list as CSV (UTF-8 with BOM, so that Excel opens it in Vietnamese), streamed. Cells that a
    /// spreadsheet would evaluate are quoted as text.
    /// </summary>
    public async Task WriteCsvAsync(Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var writer = new StreamWriter(output, new UTF8Encoding(true), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync("row,column,value,code,message\r\n".AsMemory(), ct);
        foreach (var p in this)
        {
            await writer.WriteAsync(string.Concat(
                p.Row.ToString(CultureInfo.InvariantCulture), ",", Cell(p.Column), ",", Cell(p.Value), ",", Cell(p.Code), ",", Cell(p.Message), "\r\n").AsMemory(), ct);
        }
    }

    public void Dispose()
    {
        if (!ReferenceEquals(this, Empty))
        {
            _rest?.Dispose();
        }
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
