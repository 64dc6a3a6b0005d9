using System.Text.Json;
using Microsoft.JSInterop;
using PartyOrg.Dashboard.Components.Charts;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Components.Tests.Charts;

/// <summary>
/// The chart component against bUnit's strict JS interop: charts.js is a fake module whose calls are
/// recorded, so each test says exactly which calls the component makes and with what options.
/// </summary>
public sealed class ApexChartTests : ComponentTest
{
    private static readonly string[] Districts = ["Tiểu Cần", "Cầu Kè", "Trà Cú"];
    private static readonly ChartSeries Members = new("Đảng viên", [45_622, 1_999, 503]);

    private readonly BunitJSModuleInterop _module;

    public ApexChartTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        _module = JSInterop.SetupModule("./js/charts.js");
        _module.SetupVoid("render", _ => true).SetVoidResult();
        _module.SetupVoid("update", _ => true).SetVoidResult();
        // MudSwitch (the "show as table" toggle) registers its keyboard handling.
        JSInterop.SetupVoid(i => i.Identifier.StartsWith("mudKeyInterceptor.", StringComparison.Ordinal)).SetVoidResult();
    }

    [Fact]
    public void First_render_imports_the_module_and_renders_the_chart_into_its_container()
    {
        using var culture = new CultureScope("vi-VN");

        var chart = RenderChart(ChartKind.Bar);

        JSInterop.VerifyInvoke("import", 1);
        var render = _module.VerifyInvoke("render");
        render.Arguments[0].ShouldBeElementReferenceTo(chart.Find("[role='img']"));
        Assert.IsType<DotNetObjectReference<ApexChart>>(render.Arguments[2]);
        var options = Options(render);
        Assert.Equal([45_622, 1_999, 503], options.GetProperty("series")[0].GetProperty("data").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(Districts, options.GetProperty("xaxis").GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        _module.VerifyNotInvoke("update");
    }

    [Fact]
    public void Changed_data_updates_the_chart_with_the_new_options_and_does_not_render_again()
    {
        using var culture = new CultureScope("vi-VN");
        var chart = RenderChart(ChartKind.Bar);

        chart.Render(p => p.Add(c => c.Series, [new ChartSeries("Đảng viên", [100, 200, 300])]));

        JSInterop.VerifyInvoke("import", 1);
        _module.VerifyInvoke("render", 1);
        var update = _module.VerifyInvoke("update");
        update.Arguments[0].ShouldBeElementReferenceTo(chart.Find("[role='img']"));
        Assert.Equal([100, 200, 300], Options(update).GetProperty("series")[0].GetProperty("data").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void Each_change_is_sent_once_with_its_own_data()
    {
        using var culture = new CultureScope("vi-VN");
        var chart = RenderChart(ChartKind.Bar);

        chart.Render(p => p.Add(c => c.Title, "Quý III"));
        chart.Render(p => p.Add(c => c.Title, "Quý IV"));

        var updates = _module.VerifyInvoke("update", 2);
        Assert.Equal("Quý III", Options(updates[0]).GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("Quý IV", Options(updates[1]).GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void A_re_render_with_the_same_data_makes_no_call()
    {
        using var culture = new CultureScope("vi-VN");
        var chart = RenderChart(ChartKind.Bar);

        chart.Render(p => p.Add(c => c.Series, [new ChartSeries("Đảng viên", [45_622, 1_999, 503])]));
        chart.Render(_ => { });
        chart.Find("input[type='checkbox']").Change(true);

        JSInterop.VerifyInvoke("import", 1);
        _module.VerifyInvoke("render", 1);
        _module.VerifyNotInvoke("update");
    }

    [Fact]
    public async Task A_clicked_point_raises_OnPointSelected_with_its_series_and_category()
    {
        using var culture = new CultureScope("vi-VN");
        ChartPointSelection? selected = null;
        var chart = RenderChart(
            ChartKind.StackedBar,
            [Members, new ChartSeries("Miễn sinh hoạt", [4_000, 200, 34])],
            p => p.Add(c => c.OnPointSelected, s => selected = s));

        await chart.InvokeAsync(() => chart.Instance.HandleDataPointSelected(1, 2));

        Assert.Equal(new ChartPointSelection(1, 2, "Miễn sinh hoạt", "Trà Cú"), selected);
    }

    [Fact]
    public async Task A_clicked_donut_legend_entry_names_its_category()
    {
        using var culture = new CultureScope("vi-VN");
        ChartLegendClick? clicked = null;
        var chart = RenderChart(ChartKind.Donut, more: p => p.Add(c => c.OnLegendClicked, l => clicked = l));

        await chart.InvokeAsync(() => chart.Instance.HandleLegendClick(1));

        Assert.Equal(new ChartLegendClick(1, "Cầu Kè"), clicked);
    }

    [Fact]
    public async Task A_click_outside_the_data_raises_nothing()
    {
        using var culture = new CultureScope("vi-VN");
        var raised = false;
        var chart = RenderChart(ChartKind.Bar, more: p => p.Add(c => c.OnPointSelected, _ => raised = true));

        await chart.InvokeAsync(() => chart.Instance.HandleDataPointSelected(0, -1));
        await chart.InvokeAsync(() => chart.Instance.HandleDataPointSelected(5, 0));

        Assert.False(raised);
    }

    [Fact]
    public async Task Disposing_destroys_the_chart()
    {
        using var culture = new CultureScope("vi-VN");
        _module.SetupVoid("destroy", _ => true).SetVoidResult();
        var chart = RenderChart(ChartKind.Line);
        var container = chart.Find("[role='img']");

        await DisposeComponentsAsync();

        _module.VerifyInvoke("destroy").Arguments[0].ShouldBeElementReferenceTo(container);
    }

    [Fact]
    public async Task Disposing_after_the_circuit_is_gone_does_not_throw()
    {
        using var culture = new CultureScope("vi-VN");
        _module.SetupVoid("destroy", _ => true).SetException(new JSDisconnectedException("The circuit is gone."));
        RenderChart(ChartKind.Line);

        await DisposeComponentsAsync();

        _module.VerifyInvoke("destroy");
    }

    [Theory]
    [InlineData("vi-VN", "45.622", "1.999")]
    [InlineData("en-US", "45,622", "1,999")]
    public void The_table_lists_every_category_and_value_in_the_current_culture(string cultureName, string first, string second)
    {
        using var culture = new CultureScope(cultureName);
        var chart = RenderChart(ChartKind.Bar);
        Assert.Empty(chart.FindAll("table"));

        chart.Find("input[type='checkbox']").Change(true);

        var table = chart.Find("table");
        Assert.Equal("Đảng viên theo huyện", table.QuerySelector("caption")!.TextContent);
        Assert.Equal("Đảng viên", table.QuerySelectorAll("thead th")[1].TextContent);
        var rows = table.QuerySelectorAll("tbody tr")
            .Select(r => (r.QuerySelector("th[scope='row']")!.TextContent, r.QuerySelector("td")!.TextContent))
            .ToList();
        Assert.Equal([("Tiểu Cần", first), ("Cầu Kè", second), ("Trà Cú", "503")], rows);
    }

    [Theory]
    [InlineData("vi-VN", "94,2 %", "{0} %", "Xem dạng bảng")]
    [InlineData("en-US", "94.2%", "{0}%", "Show as table")]
    public void Percentages_are_written_in_the_current_culture_in_the_table_and_in_the_options(string cultureName, string expected, string pattern, string toggle)
    {
        using var culture = new CultureScope(cultureName);
        var chart = RenderChart(ChartKind.Line, [new ChartSeries("Tỷ lệ dự họp", [94.2, 90, 88.25])], p => p
            .Add(c => c.ValueFormat, ChartValueFormat.Percent)
            .Add(c => c.Decimals, 1));

        Assert.Contains(toggle, chart.Find(".apex-chart-toggle").TextContent, StringComparison.Ordinal);
        chart.Find("input[type='checkbox']").Change(true);

        Assert.Equal(expected, chart.Find("tbody td").TextContent);
        var format = Options(_module.VerifyInvoke("render")).GetProperty("numberFormat");
        Assert.Equal(cultureName, format.GetProperty("locale").GetString());
        Assert.Equal("percent", format.GetProperty("style").GetString());
        Assert.Equal(1, format.GetProperty("decimals").GetInt32());
        Assert.Equal(pattern, format.GetProperty("percentPattern").GetString());
    }

    [Theory]
    [InlineData("vi-VN", "vi")]
    [InlineData("en-US", "en")]
    public void The_toolbar_speaks_the_UI_language_and_offers_downloads(string cultureName, string locale)
    {
        using var culture = new CultureScope(cultureName);

        RenderChart(ChartKind.Bar);

        var chart = Options(_module.VerifyInvoke("render")).GetProperty("chart");
        Assert.Equal(locale, chart.GetProperty("defaultLocale").GetString());
        Assert.True(chart.GetProperty("toolbar").GetProperty("tools").GetProperty("download").GetBoolean());
        Assert.False(chart.GetProperty("toolbar").GetProperty("tools").GetProperty("zoom").GetBoolean());
    }

    [Fact]
    public void The_container_is_an_image_named_by_the_accessible_name()
    {
        using var culture = new CultureScope("vi-VN");

        var chart = RenderChart(ChartKind.Donut);

        Assert.Equal("Đảng viên theo huyện", chart.Find("[role='img']").GetAttribute("aria-label"));
    }

    [Theory]
    [InlineData(ChartKind.Bar, "bar")]
    [InlineData(ChartKind.Line, "line")]
    [InlineData(ChartKind.Area, "area")]
    public void Bars_lines_and_areas_are_named_series_over_categories(ChartKind kind, string type)
    {
        using var culture = new CultureScope("vi-VN");

        RenderChart(kind);

        var options = Options(_module.VerifyInvoke("render"));
        Assert.Equal(type, options.GetProperty("chart").GetProperty("type").GetString());
        Assert.False(options.GetProperty("chart").TryGetProperty("stacked", out _));
        Assert.Equal("Đảng viên", options.GetProperty("series")[0].GetProperty("name").GetString());
        Assert.Equal(3, options.GetProperty("series")[0].GetProperty("data").GetArrayLength());
        Assert.Equal(Districts, options.GetProperty("xaxis").GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public void A_stacked_bar_is_a_stacked_bar_chart_and_can_lie_on_its_side()
    {
        using var culture = new CultureScope("vi-VN");

        RenderChart(ChartKind.StackedBar, more: p => p.Add(c => c.Horizontal, true));

        var options = Options(_module.VerifyInvoke("render"));
        Assert.Equal("bar", options.GetProperty("chart").GetProperty("type").GetString());
        Assert.True(options.GetProperty("chart").GetProperty("stacked").GetBoolean());
        Assert.True(options.GetProperty("plotOptions").GetProperty("bar").GetProperty("horizontal").GetBoolean());
    }

    [Fact]
    public void A_donut_is_one_series_of_numbers_with_the_categories_as_labels()
    {
        using var culture = new CultureScope("vi-VN");

        RenderChart(ChartKind.Donut);

        var options = Options(_module.VerifyInvoke("render"));
        Assert.Equal("donut", options.GetProperty("chart").GetProperty("type").GetString());
        Assert.Equal([45_622, 1_999, 503], options.GetProperty("series").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(Districts, options.GetProperty("labels").EnumerateArray().Select(c => c.GetString()));
        Assert.False(options.TryGetProperty("xaxis", out _));
    }

    [Fact]
    public void A_heatmap_is_rows_of_x_y_points()
    {
        using var culture = new CultureScope("vi-VN");

        RenderChart(ChartKind.Heatmap, [new ChartSeries("Quý III", [80, 85.5, null]), new ChartSeries("Quý IV", [90, 70])]);

        var options = Options(_module.VerifyInvoke("render"));
        Assert.Equal("heatmap", options.GetProperty("chart").GetProperty("type").GetString());
        var rows = options.GetProperty("series");
        Assert.Equal("Quý III", rows[0].GetProperty("name").GetString());
        Assert.Equal("Cầu Kè", rows[0].GetProperty("data")[1].GetProperty("x").GetString());
        Assert.Equal(85.5, rows[0].GetProperty("data")[1].GetProperty("y").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("data")[2].GetProperty("y").ValueKind);
        Assert.Single(options.GetProperty("colors").EnumerateArray());
    }

    [Fact]
    public void Options_leave_out_what_is_not_set()
    {
        using var culture = new CultureScope("vi-VN");

        RenderChart(ChartKind.Line);

        var options = Options(_module.VerifyInvoke("render"));
        Assert.False(options.TryGetProperty("title", out _));
        Assert.False(options.TryGetProperty("plotOptions", out _));
        Assert.Equal(ChartPalette.Default, options.GetProperty("colors").EnumerateArray().Select(c => c.GetString()));
    }

    [Theory]
    [InlineData(ChartKind.Bar)]
    [InlineData(ChartKind.Donut)]
    [InlineData(ChartKind.Heatmap)]
    public void Hostile_names_reach_the_chart_as_the_same_plain_strings_and_the_table_as_text(ChartKind kind)
    {
        using var culture = new CultureScope("vi-VN");
        const string Tag = "<img src=x onerror=alert(1)>";
        const string Quote = "\" onmouseover=\"alert(1)";
        const string Entity = "&lt;script&gt;alert(1)&lt;/script&gt;";

        var chart = Render<ApexChart>(p => p
            .Add(c => c.Kind, kind)
            .Add(c => c.Categories, [Tag, Quote, Entity])
            .Add(c => c.Series, [new ChartSeries(Tag, [1, 2, 3])])
            .Add(c => c.Title, Quote)
            .Add(c => c.AriaLabel, Entity));

        // Data, not markup: the strings arrive unchanged (neither encoded nor decoded), and no option that
        // ApexCharts would insert as HTML (a custom tooltip, formatter text, marker HTML) is ever sent.
        var options = Options(_module.VerifyInvoke("render"));
        var strings = Strings(options).ToList();
        Assert.Contains(Tag, strings);
        Assert.Contains(Quote, strings);
        Assert.Contains(Entity, strings);
        Assert.DoesNotContain(strings, s => s.Contains("&amp;", StringComparison.Ordinal) || s.Contains("&lt;img", StringComparison.Ordinal));
        Assert.DoesNotContain(PropertyNames(options), n => n is "custom" or "formatter" or "customHTML" or "html" or "annotations");

        chart.Find(".apex-chart-toggle input").Change(true);
        var table = chart.Find("table");
        Assert.Equal([Tag, Quote, Entity], table.QuerySelectorAll("tbody th").Select(th => th.TextContent));
        Assert.Equal(Entity, table.QuerySelector("caption")!.TextContent);
        Assert.Empty(chart.FindAll("img, script, [onmouseover]"));
        Assert.Equal(Entity, chart.Find("[role='img']").GetAttribute("aria-label"));
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    private static IEnumerable<string> PropertyNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().SelectMany(PropertyNames),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => PropertyNames(p.Value).Prepend(p.Name)),
        _ => [],
    };

    private IRenderedComponent<ApexChart> RenderChart(
        ChartKind kind,
        IReadOnlyList<ChartSeries>? series = null,
        Action<ComponentParameterCollectionBuilder<ApexChart>>? more = null) =>
        Render<ApexChart>(p =>
        {
            p.Add(c => c.Kind, kind)
                .Add(c => c.Categories, Districts)
                .Add(c => c.Series, series ?? [Members])
                .Add(c => c.AriaLabel, "Đảng viên theo huyện");
            more?.Invoke(p);
        });

    private static JsonElement Options(JSRuntimeInvocation invocation) =>
        Assert.IsType<JsonElement>(invocation.Arguments[1]);
}
