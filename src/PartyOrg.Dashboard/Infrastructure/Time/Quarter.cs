using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PartyOrg.Dashboard.Infrastructure.Time;

/// <summary>
/// A calendar quarter, the unit of every report. Written <c>2026-Q3</c> in URLs, the API and the CLI;
/// shown as "Quý III/2026" in Vietnamese and "Q3 2026" in English. Stored as the integer <see cref="Key"/>
/// (yyyyq, e.g. 20263) so that ranges sort and compare on every database provider.
/// </summary>
public readonly partial record struct Quarter : IComparable<Quarter>
{
    /// <summary>The first year a quarter may be written in (URLs, the API, the CLI, files): well before any Party record the app holds.</summary>
    public const int MinYear = 2000;

    /// <summary>The last year a quarter may be written in; arithmetic a century either side stays representable.</summary>
    public const int MaxYear = 2100;

    /// <summary>How a quarter is written, for messages that refuse one.</summary>
    public static readonly string Format = string.Create(CultureInfo.InvariantCulture, $"YYYY-Qn with ASCII digits and a year from {MinYear} to {MaxYear}, e.g. 2026-Q3");

    public Quarter(int year, int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 4);
        Year = year;
        Number = number;
    }

    public int Year { get; }

    public int Number { get; }

    /// <summary>yyyyq, e.g. 20263 for 2026-Q3.</summary>
    public int Key => Year * 10 + Number;

    public DateOnly Start => new(Year, (Number - 1) * 3 + 1, 1);

    /// <summary>The last day of the quarter: the date a "tree as it stood in the quarter" is read at.</summary>
    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    public Quarter Next => Number == 4 ? new Quarter(Year + 1, 1) : new Quarter(Year, Number + 1);

    public Quarter Previous => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    public Quarter SameQuarterLastYear => new(Year - 1, Number);

    /// <summary>The quarter <paramref name="count"/> quarters later (earlier when negative).</summary>
    public Quarter AddQuarters(int count)
    {
        var index = Year * 4 + (Number - 1) + count;
        return new Quarter(index / 4, index % 4 + 1);
    }

    /// <summary>The <paramref name="length"/> quarters that end with this one, oldest first.</summary>
    public IEnumerable<Quarter> Window(int length) => Range(AddQuarters(1 - length), this);

    public static Quarter FromKey(int key) => new(key / 10, key % 10);

    public static Quarter Containing(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    /// <summary>The last quarter that has ended on <paramref name="today"/>.</summary>
    public static Quarter LastClosed(DateOnly today) => Containing(today).Previous;

    /// <summary>Quarters from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static IEnumerable<Quarter> Range(Quarter first, Quarter last)
    {
        for (var q = first; q <= last; q = q.Next)
        {
            yield return q;
        }
    }

    public static Quarter Parse(string text) =>
        TryParse(text, out var quarter)
            ? quarter
            : throw new FormatException($"'{text}' is not a quarter; write it as {Format}.");

    /// <summary>
    /// Reads <c>2026-Q3</c> (also <c>2026Q3</c>, <c>2026-q3</c>); false for anything else, for digits other than
    /// ASCII (full-width ２０２６ too) and for a year outside <see cref="MinYear"/>–<see cref="MaxYear"/>.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Quarter quarter)
    {
        quarter = default;
        if (text is null)
        {
            return false;
        }

        var match = QuarterPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (year is < MinYear or > MaxYear)
        {
            return false;
        }

        quarter = new Quarter(year, number);
        return true;
    }

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public int CompareTo(Quarter other) => Key.CompareTo(other.Key);

    public static bool operator <(Quarter left, Quarter right) => left.Key < right.Key;

    public static bool operator >(Quarter left, Quarter right) => left.Key > right.Key;

    public static bool operator <=(Quarter left, Quarter right) => left.Key <= right.Key;

    public static bool operator >=(Quarter left, Quarter right) => left.Key >= right.Key;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Number}");

    /// <summary>"Quý III/2026" (vi) or "Q3 2026" (any other culture).</summary>
    public string ToDisplayString(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "vi"
            ? $"Quý {Roman[Number - 1]}/{Year.ToString(CultureInfo.InvariantCulture)}"
            : string.Create(CultureInfo.InvariantCulture, $"Q{Number} {Year}");

    private static readonly string[] Roman = ["I", "II", "III", "IV"];

    [GeneratedRegex(@"^([0-9]{4})-?[Qq]([1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex QuarterPattern();
}
