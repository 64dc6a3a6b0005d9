using System.Globalization;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>Reads the cells of one row by column name, reporting each bad cell with its row, column and value.</summary>
internal sealed class ImportCells(ImportKind kind, ImportRow row, ImportProblems problems)
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];
    private static readonly string[] TrueWords = ["yes", "y", "1", "true", "có", "co", "x"];
    private static readonly string[] FalseWords = ["no", "n", "0", "false", "không", "khong"];

    public int Row => row.Number;

    public bool HasErrors { get; private set; }

    public string? Raw(string column) => row.Cells[kind.IndexOf(column)];

    public void Error(string column, string code, params object?[] args)
    {
        HasErrors = true;
        problems.Add(row.Number, column, Raw(column), code, args);
    }

    /// <summary>Marks the row as bad when its problem was reported elsewhere (the meeting rules).</summary>
    public void MarkError() => HasErrors = true;

    private string? Required(string column, bool required)
    {
        var value = Raw(column);
        if (value is null && required)
        {
            Error(column, "Required");
        }

        return value;
    }

    public string? Text(string column, int maxLength, bool required = false)
    {
        var value = Required(column, required);
        if (value is not null && value.Length > maxLength)
        {
            Error(column, "TooLong", maxLength);
            return null;
        }

        return value;
    }

    public string? Code(string column, bool required = true)
    {
        var value = Required(column, required);
        if (value is null)
        {
            return null;
        }

        if (value.Length > 32 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            Error(column, "BadCode");
            return null;
        }

        return value;
    }

    public DateOnly? Date(string column, bool required = true)
    {
        var value = Required(column, required);
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Error(column, "BadDate");
        return null;
    }

    public int? Integer(string column, bool required = true)
    {
        var value = Required(column, required);
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        Error(column, IsFormulaLike(value) ? "FormulaNotNumber" : "BadInteger");
        return null;
    }

    public decimal? Decimal(string column, bool required = true)
    {
        var value = Required(column, required);
        if (value is null)
        {
            return null;
        }

        var text = value.Replace(',', '.');
        if (text.Count(c => c == '.') <= 1
            && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        Error(column, IsFormulaLike(value) ? "FormulaNotNumber" : "BadDecimal");
        return null;
    }

    public bool? Boolean(string column, bool required = true)
    {
        var value = Required(column, required);
        if (value is null)
        {
            return null;
        }

        var word = value.ToLowerInvariant();
        if (TrueWords.Contains(word))
        {
            return true;
        }

        if (FalseWords.Contains(word))
        {
            return false;
        }

        Error(column, "BadBoolean");
        return null;
    }

    /// <summary>The index of the cell's value in the column's choices (a code, case-insensitive), or null.</summary>
    public int? Choice(string column, bool required = true)
    {
        var value = Required(column, required);
        if (value is null)
        {
            return null;
        }

        var choices = kind.Columns[kind.IndexOf(column)].Choices!;
        for (var i = 0; i < choices.Count; i++)
        {
            if (string.Equals(choices[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        Error(column, "BadChoice", string.Join(", ", choices));
        return null;
    }

    public Quarter? Quarter(string column, bool required = true)
    {
        var value = Required(column, required);
        if (value is null)
        {
            return null;
        }

        if (Infrastructure.Time.Quarter.TryParse(value, out var q))
        {
            return q;
        }

        Error(column, "BadQuarter");
        return null;
    }

    private static bool IsFormulaLike(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@';
}
