using System.Globalization;
using ScottPlot;

namespace PartyOrg.Dashboard.Features.Briefings.Documents;

/// <summary>
/// Draws a briefing's charts on the server (ScottPlot over SkiaSharp, no browser) as PNG, in the dashboard's
/// colours and the briefing's serif font; numbers on the axis in the briefing's culture.
/// </summary>
public static class BriefingCharts
{
    /// <summary>Width of every chart in pixels (printed 16 cm wide: about 190 dpi).</summary>
    public const int Width = 1200;

    private const int MaxLabel = 42;
    private static readonly Lock Setup = new();
    private static bool _fontAdded;

    /// <summary>The chart as PNG bytes with its pixel size.</summary>
    public static (byte[] Png, int Width, int Height) Render(BriefingChart chart, CultureInfo culture)
    {
        EnsureFont();
        var count = Math.Max(chart.Categories.Count, 1);
        var height = Math.Clamp(150 + 34 * count, 300, 1500);
        var plot = new Plot();
        plot.Font.Set(BriefingFonts.Family);
        plot.Title(chart.Title, size: 26);
        plot.Axes.Title.Label.Bold = true;

        var positions = Enumerable.Range(0, chart.Categories.Count).Select(i => (double)(chart.Categories.Count - 1 - i)).ToArray();
        var bars = new List<Bar>();
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            var start = 0.0;
            foreach (var series in chart.Series)
            {
                if (series.Values[i] is not { } value)
                {
                    continue;
                }

                var end = chart.Kind == BriefingChartKind.StackedBars ? start + value : value;
                bars.Add(new Bar
                {
                    Position = positions[i],
                    ValueBase = chart.Kind == BriefingChartKind.StackedBars ? start : 0,
                    Value = end,
                    FillColor = Color.FromHex(series.Colour),
                    LineWidth = 0,
                    Size = 0.7,
                });
                start = end;
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        if (chart.Threshold is { } threshold)
        {
            var line = plot.Add.VerticalLine(threshold, 2, Color.FromHex("#455A64"), LinePattern.Dashed);
            line.LegendText = chart.ThresholdLabel ?? string.Empty;
        }

        if (chart.Kind == BriefingChartKind.StackedBars || chart.Threshold is not null)
        {
            foreach (var series in chart.Kind == BriefingChartKind.StackedBars ? chart.Series : [])
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = series.Name, FillColor = Color.FromHex(series.Colour) });
            }

            plot.ShowLegend(Edge.Bottom);
            plot.Legend.FontSize = 18;
        }

        plot.Axes.Left.SetTicks(positions, chart.Categories.Select(Shorten).ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = 18;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 18;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString(chart.Percent ? "N0" : "#,0", culture),
        };
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        var max = bars.Count == 0 ? 1 : bars.Max(b => b.Value);
        plot.Axes.SetLimitsX(0, chart.Percent ? Math.Max(100, max) : max * 1.08);
        plot.Axes.SetLimitsY(-0.6, Math.Max(chart.Categories.Count - 0.4, 0.4));
        return (plot.GetImageBytes(Width, height, ImageFormat.Png), Width, height);
    }

    private static string Shorten(string label) => label.Length <= MaxLabel ? label : label[..(MaxLabel - 1)].TrimEnd() + "…";

    private static void EnsureFont()
    {
        lock (Setup)
        {
            if (_fontAdded)
            {
                return;
            }

            var fonts = BriefingFonts.Instance;
            ScottPlot.Fonts.AddFontFile(BriefingFonts.Family, fonts.File(false, false), bold: false, italic: false);
            ScottPlot.Fonts.AddFontFile(BriefingFonts.Family, fonts.File(true, false), bold: true, italic: false);
            ScottPlot.Fonts.AddFontFile(BriefingFonts.Family, fonts.File(false, true), bold: false, italic: true);
            ScottPlot.Fonts.AddFontFile(BriefingFonts.Family, fonts.File(true, true), bold: true, italic: true);
            _fontAdded = true;
        }
    }
}
