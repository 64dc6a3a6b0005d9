using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Components.Charts;

/// <summary>
/// The one component that talks to ApexCharts (through <c>wwwroot/js/charts.js</c>): it imports the
/// module on first render, calls <c>render</c> once and then <c>update</c> only when the options JSON
/// changed, forwards clicks on points and legend entries, and offers the same data as a table.
/// </summary>
public sealed partial class ApexChart : IAsyncDisposable
{
    private readonly string _elementId = $"chart-{Guid.NewGuid():N}";
    private ElementReference _container;
    private IJSObjectReference? _module;
    private DotNetObjectReference<ApexChart>? _callbacks;
    private string _optionsJson = string.Empty;
    private string? _sentJson;
    private bool _rendered;
    private bool _disposed;
    private bool _showTable;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [Parameter, EditorRequired]
    public ChartKind Kind { get; set; }

    /// <summary>The x-axis (bars, lines, heatmap columns) or the slices of a donut.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<string> Categories { get; set; } = [];

    /// <summary>One value per category each; a donut uses the first series, a heatmap one row per series.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<ChartSeries> Series { get; set; } = [];

    /// <summary>What the chart shows, in one sentence: the chart's accessible name and the table's caption.</summary>
    [Parameter, EditorRequired]
    public string AriaLabel { get; set; } = string.Empty;

    [Parameter]
    public string? Title { get; set; }

    /// <summary>Header of the table's first column; "Hạng mục" / "Category" when not given.</summary>
    [Parameter]
    public string? CategoryHeader { get; set; }

    [Parameter]
    public int Height { get; set; } = 320;

    /// <summary>Series colours in order; <see cref="ChartPalette.Default"/> when not given.</summary>
    [Parameter]
    public IReadOnlyList<string>? Colors { get; set; }

    /// <summary>Bars run left to right (long category names read better).</summary>
    [Parameter]
    public bool Horizontal { get; set; }

    [Parameter]
    public ChartValueFormat ValueFormat { get; set; }

    /// <summary>Decimals shown everywhere (axes, labels, tooltips, table).</summary>
    [Parameter]
    public int Decimals { get; set; }

    [Parameter]
    public EventCallback<ChartPointSelection> OnPointSelected { get; set; }

    [Parameter]
    public EventCallback<ChartLegendClick> OnLegendClicked { get; set; }

    private IEnumerable<ChartSeries> TableSeries => Kind == ChartKind.Donut ? Series.Take(1) : Series;

    /// <summary>Called by charts.js when a bar, slice, cell or marker is clicked.</summary>
    [JSInvokable("OnDataPointSelected")]
    public Task HandleDataPointSelected(int seriesIndex, int dataPointIndex)
    {
        var seriesName = Kind == ChartKind.Donut ? Series.ElementAtOrDefault(0)?.Name : Series.ElementAtOrDefault(seriesIndex)?.Name;
        var category = Categories.ElementAtOrDefault(dataPointIndex);
        return seriesName is null || category is null || dataPointIndex < 0
            ? Task.CompletedTask
            : OnPointSelected.InvokeAsync(new ChartPointSelection(seriesIndex, dataPointIndex, seriesName, category));
    }

    /// <summary>Called by charts.js when a legend entry is clicked (a donut's legend lists categories).</summary>
    [JSInvokable("OnLegendClicked")]
    public Task HandleLegendClick(int seriesIndex)
    {
        var name = seriesIndex < 0 ? null
            : Kind == ChartKind.Donut ? Categories.ElementAtOrDefault(seriesIndex)
            : Series.ElementAtOrDefault(seriesIndex)?.Name;
        return name is null ? Task.CompletedTask : OnLegendClicked.InvokeAsync(new ChartLegendClick(seriesIndex, name));
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_module is { } module)
        {
            await IgnoringDeadCircuit(() => module.InvokeVoidAsync("destroy", _container));
            await IgnoringDeadCircuit(module.DisposeAsync);
        }

        _callbacks?.Dispose();
    }

    protected override void OnParametersSet() =>
        _optionsJson = ChartOptions.For(new ChartDefinition(
            Kind, Categories, Series, AriaLabel, Title, Height, Colors, Horizontal, ValueFormat, Decimals, PercentPattern)).ToJson();

    /// <summary>How a percentage is written in the current language: "94,2 %" in Vietnamese, "94.2%" in English.</summary>
    private string PercentPattern => L["RateFormat"];

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./" + Assets["js/charts.js"]);
            if (_disposed)
            {
                // Disposed while the module was loading: DisposeAsync had nothing to release yet.
                await IgnoringDeadCircuit(_module.DisposeAsync);
                return;
            }

            _callbacks = DotNetObjectReference.Create(this);
            _sentJson = _optionsJson;
            await _module.InvokeVoidAsync("render", _container, Parse(_sentJson), _callbacks);
            _rendered = true;
        }

        // Parameters that changed while render was in flight are caught up here as well.
        if (_rendered && !_disposed && _optionsJson != _sentJson)
        {
            _sentJson = _optionsJson;
            await _module!.InvokeVoidAsync("update", _container, Parse(_sentJson));
        }
    }

    private void ShowTableChanged(bool show) => _showTable = show;

    private string FormatValue(double? value) => value switch
    {
        null => "—",
        { } v when ValueFormat == ChartValueFormat.Percent => string.Format(CultureInfo.CurrentCulture, PercentPattern, v.ToString($"N{Decimals}", CultureInfo.CurrentCulture)),
        { } v => v.ToString($"N{Decimals}", CultureInfo.CurrentCulture),
    };

    // Sent as a JsonElement so that the JS side receives exactly our JSON (camelCase, no nulls).
    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static async Task IgnoringDeadCircuit(Func<ValueTask> call)
    {
        try
        {
            await call();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone and the browser with it: nothing to clean up there.
        }
        catch (TaskCanceledException)
        {
        }
    }
}
