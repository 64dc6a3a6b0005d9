using System.Globalization;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Tests.Infrastructure;

public sealed class QuarterTests
{
    [Theory]
    [InlineData("2026-Q3", 2026, 3)]
    [InlineData("2021q1", 2021, 1)]
    [InlineData(" 2024-Q4 ", 2024, 4)]
    public void Parse_AcceptsTheWrittenForm(string text, int year, int number)
    {
        var quarter = Quarter.Parse(text);

        Assert.Equal(new Quarter(year, number), quarter);
    }

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("2026")]
    [InlineData("Q3-2026")]
    [InlineData("")]
    public void TryParse_RejectsOtherText(string text) => Assert.False(Quarter.TryParse(text, out _));

    [Theory]
    [InlineData("9999-Q4")]
    [InlineData("1900-Q1")]
    [InlineData("1999-Q4")]
    [InlineData("2101-Q1")]
    [InlineData("２０２４-Q4")]
    [InlineData("٢٠٢٤-Q4")]
    [InlineData("2024-Q４")]
    public void TryParse_RejectsYearsOutsideTheSupportedRange_AndDigitsOtherThanAscii(string text)
    {
        Assert.False(Quarter.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => Quarter.Parse(text));
        Assert.Contains("from 2000 to 2100", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2000-Q1")]
    [InlineData("2100-Q4")]
    public void TryParse_AcceptsTheEndsOfTheSupportedRange(string text)
    {
        Assert.True(Quarter.TryParse(text, out var quarter));
        Assert.Equal(text, quarter.ToString());
        Assert.Equal(quarter.End, quarter.Next.Start.AddDays(-1));
    }

    [Fact]
    public void Boundaries_AreTheFirstAndLastDayOfTheQuarter()
    {
        var q = new Quarter(2024, 4);

        Assert.Equal(new DateOnly(2024, 10, 1), q.Start);
        Assert.Equal(new DateOnly(2024, 12, 31), q.End);
        Assert.Equal(new Quarter(2025, 1), q.Next);
        Assert.Equal(new Quarter(2024, 3), q.Previous);
        Assert.Equal(20244, q.Key);
        Assert.Equal(q, Quarter.FromKey(20244));
    }

    [Fact]
    public void LastClosed_OnTheDayOfThisSession_Is2026Q3() =>
        Assert.Equal(new Quarter(2026, 3), Quarter.LastClosed(new DateOnly(2026, 11, 26)));

    [Fact]
    public void DisplayString_FollowsTheCulture()
    {
        var q = new Quarter(2026, 3);

        Assert.Equal("Quý III/2026", q.ToDisplayString(CultureInfo.GetCultureInfo("vi-VN")));
        Assert.Equal("Q3 2026", q.ToDisplayString(CultureInfo.GetCultureInfo("en-US")));
    }

    [Theory]
    [InlineData("2026-Q3", -7, "2024-Q4")]
    [InlineData("2024-Q4", 1, "2025-Q1")]
    [InlineData("2021-Q1", -1, "2020-Q4")]
    [InlineData("2025-Q2", 0, "2025-Q2")]
    [InlineData("2023-Q4", 9, "2026-Q1")]
    public void AddQuarters_CrossesYears(string start, int count, string expected) =>
        Assert.Equal(Quarter.Parse(expected), Quarter.Parse(start).AddQuarters(count));

    [Fact]
    public void Window_EndsWithTheQuarter_OldestFirst() =>
        Assert.Equal(
            [new Quarter(2024, 3), new Quarter(2024, 4), new Quarter(2025, 1)],
            new Quarter(2025, 1).Window(3));

    [Fact]
    public void Range_IncludesBothEnds() =>
        Assert.Equal(23, Quarter.Range(new Quarter(2021, 1), new Quarter(2026, 3)).Count());
}
