using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartyOrg.Dashboard.Components.Charts;

/// <summary>
/// The subset of ApexCharts' options the dashboard uses, as typed records serialised to the library's
/// JSON shape (camelCase, nulls left out). <see cref="NumberFormat"/> is ours: <c>wwwroot/js/charts.js</c>
/// turns it into the formatter functions that JSON cannot carry.
/// </summary>
internal sealed record ChartOptions(
    ApexChartSection Chart,
    object Series,
    IReadOnlyList<string> Colors,
    ApexDataLabels DataLabels,
    ApexLegend Legend,
    ChartNumberFormat NumberFormat,
    ApexTitle? Title = null,
    ApexXAxis? Xaxis = null,
    IReadOnlyList<string>? Labels = null,
    ApexPlotOptions? PlotOptions = null,
    ApexStroke? Stroke = null,
    ApexMarkers? Markers = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The options for one chart, in the current culture (numbers) and UI culture (toolbar texts).</summary>
    public static ChartOptions For(ChartDefinition d)
    {
        var categories = d.Categories;
        var colors = d.Colors is { Count: > 0 } c ? c : ChartPalette.Default;
        var export = new ApexExportFile(d.AriaLabel);
        var chart = new ApexChartSection(
            Type: ApexType(d.Kind),
            Height: d.Height,
            DefaultLocale: CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "vi",
            Toolbar: new ApexToolbar(true, new ApexToolbarTools(Download: true), new ApexExport(export, export, export)),
            Stacked: d.Kind == ChartKind.StackedBar ? true : null);
        var numberFormat = new ChartNumberFormat(
            CultureInfo.CurrentCulture.Name,
            d.ValueFormat == ChartValueFormat.Percent ? "percent" : "decimal",
            d.Decimals,
            d.PercentPattern);
        var title = string.IsNullOrWhiteSpace(d.Title) ? null : new ApexTitle(d.Title);
        var legend = new ApexLegend(Show: true, Position: "bottom");

        return d.Kind switch
        {
            ChartKind.Donut => new ChartOptions(
                chart,
                Series: d.Series.Count > 0 ? Aligned(d.Series[0], categories.Count) : [],
                colors,
                new ApexDataLabels(Enabled: true),
                legend,
                numberFormat,
                title,
                Labels: categories),
            ChartKind.Heatmap => new ChartOptions(
                chart,
                Series: d.Series
                    .Select(s => new ApexHeatmapSeries(s.Name, [.. Aligned(s, categories.Count).Select((y, i) => new ApexPoint(categories[i], y))]))
                    .ToList(),
                // One hue, shaded by value, reads better than a colour per row.
                Colors: [colors[0]],
                new ApexDataLabels(Enabled: true),
                legend with { Show = false },
                numberFormat,
                title),
            _ => new ChartOptions(
                chart,
                Series: d.Series.Select(s => new ApexSeries(s.Name, Aligned(s, categories.Count))).ToList(),
                colors,
                // Values on every point of a line are noise; bars carry them well.
                new ApexDataLabels(Enabled: d.Kind is ChartKind.Bar or ChartKind.StackedBar),
                legend,
                numberFormat,
                title,
                Xaxis: new ApexXAxis(categories),
                PlotOptions: d.Kind is ChartKind.Bar or ChartKind.StackedBar ? new ApexPlotOptions(new ApexBarOptions(d.Horizontal)) : null,
                Stroke: d.Kind is ChartKind.Line or ChartKind.Area ? new ApexStroke("straight", 2) : null,
                // Markers give lines something to click (dataPointSelection).
                Markers: d.Kind is ChartKind.Line or ChartKind.Area ? new ApexMarkers(4) : null),
        };
    }

    private static string ApexType(ChartKind kind) => kind switch
    {
        ChartKind.Bar or ChartKind.StackedBar => "bar",
        ChartKind.Line => "line",
        ChartKind.Area => "area",
        ChartKind.Donut => "donut",
        ChartKind.Heatmap => "heatmap",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>One value per category: missing values are null, extra values are dropped.</summary>
    private static List<double?> Aligned(ChartSeries series, int count) =>
        [.. Enumerable.Range(0, count).Select(i => i < series.Values.Count ? series.Values[i] : null)];
}

/// <summary>What the component's parameters say about a chart, independent of the library.</summary>
internal sealed record ChartDefinition(
    ChartKind Kind,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series,
    string AriaLabel,
    string? Title,
    int Height,
    IReadOnlyList<string>? Colors,
    bool Horizontal,
    ChartValueFormat ValueFormat,
    int Decimals,
    string PercentPattern = "{0}%");

internal sealed record ApexChartSection(string Type, int Height, string DefaultLocale, ApexToolbar Toolbar, bool? Stacked = null);

internal sealed record ApexToolbar(bool Show, ApexToolbarTools Tools, ApexExport Export);

internal sealed record ApexToolbarTools(
    bool Download,
    bool Selection = false,
    bool Zoom = false,
    bool Zoomin = false,
    bool Zoomout = false,
    bool Pan = false,
    bool Reset = false);

internal sealed record ApexExport(ApexExportFile Csv, ApexExportFile Svg, ApexExportFile Png);

internal sealed record ApexExportFile(string Filename);

internal sealed record ApexSeries(string Name, IReadOnlyList<double?> Data);

internal sealed record ApexHeatmapSeries(string Name, IReadOnlyList<ApexPoint> Data);

/// <summary>A heatmap cell; a missing value stays as <c>y: null</c> (an empty cell), never left out.</summary>
internal sealed record ApexPoint(string X, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Y);

internal sealed record ApexTitle(string Text, string Align = "left");

internal sealed record ApexXAxis(IReadOnlyList<string> Categories);

internal sealed record ApexPlotOptions(ApexBarOptions Bar);

internal sealed record ApexBarOptions(bool Horizontal);

internal sealed record ApexDataLabels(bool Enabled);

internal sealed record ApexLegend(bool Show, string Position);

internal sealed record ApexStroke(string Curve, int Width);

internal sealed record ApexMarkers(int Size);

/// <summary>
/// For <c>Intl.NumberFormat</c>: a BCP 47 culture name, "decimal" or "percent", fixed decimals, and the
/// localized pattern a percentage is written in ("{0} %" in Vietnamese), the same as the dashboard's cards.
/// </summary>
internal sealed record ChartNumberFormat(string Locale, string Style, int Decimals, string PercentPattern);
