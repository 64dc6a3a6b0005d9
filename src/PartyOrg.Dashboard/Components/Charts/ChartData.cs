namespace PartyOrg.Dashboard.Components.Charts;

/// <summary>What an <see cref="ApexChart"/> draws.</summary>
public enum ChartKind
{
    /// <summary>One bar per category and series, side by side (horizontal with <c>Horizontal</c>).</summary>
    Bar,

    /// <summary>The series of a category stacked into one bar.</summary>
    StackedBar,

    Line,

    Area,

    /// <summary>The first series' values as shares of their sum, one slice per category.</summary>
    Donut,

    /// <summary>One row per series, one cell per category, shaded by value.</summary>
    Heatmap,
}

/// <summary>How values are written on axes, labels, tooltips and in the table.</summary>
public enum ChartValueFormat
{
    /// <summary>A count or measure: 45.622 in vi-VN, 45,622 in en-US.</summary>
    Number,

    /// <summary>A percentage given as 94.2 (not 0.942): "94,2 %" in Vietnamese, "94.2%" in English (the RateFormat text).</summary>
    Percent,
}

/// <summary>
/// One series: its name and one value per category (same order as the chart's categories; null for
/// no data). A heatmap's rows are series too.
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>A bar, slice, cell or marker the user clicked.</summary>
public sealed record ChartPointSelection(int SeriesIndex, int PointIndex, string SeriesName, string Category);

/// <summary>A legend entry the user clicked: a series, or a donut's category.</summary>
public sealed record ChartLegendClick(int Index, string Name);

/// <summary>The dashboard's colours for data: Party red and gold first, then calm, distinguishable tones.</summary>
public static class ChartPalette
{
    public static IReadOnlyList<string> Default { get; } =
        ["#B71C1C", "#F9A825", "#455A64", "#2E7D32", "#1565C0", "#EF6C00", "#6D4C41", "#8E24AA"];
}
