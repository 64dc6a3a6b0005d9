// The only code that talks to ApexCharts; driven by Components/Charts/ApexChart.razor.cs.
// ApexCharts itself (a classic script that defines window.ApexCharts) is restored by npm and copied
// into lib/ by the web project's build; it is loaded on the first chart, so pages without charts never
// download it. import.meta.resolve goes through Blazor's import map, which gives the fingerprinted URL.
const libraryDir = '../lib/apexcharts-4.7.0/';
const charts = new Map();
let library;

export async function render(element, options, dotNetRef) {
    const [ApexCharts, locales] = await loadLibrary();
    if (!element.isConnected) {
        return; // the component went away while the library was loading
    }
    destroy(element);
    const chart = new ApexCharts(element, toApexOptions(options, { locales, dotNetRef }));
    charts.set(element.id, chart);
    await chart.render();
}

export async function update(element, options) {
    const chart = charts.get(element.id);
    if (chart) {
        // Keep the events and locales given at render time; replace everything else.
        await chart.updateOptions(toApexOptions(options), true, false);
    }
}

export function destroy(element) {
    const chart = charts.get(element?.id);
    if (chart) {
        charts.delete(element.id);
        chart.destroy();
    }
}

function loadLibrary() {
    library ??= Promise.all([loadScript(import.meta.resolve(libraryDir + 'apexcharts.min.js')), loadLocales()])
        .catch(error => {
            library = undefined;
            throw error;
        });
    return library;
}

function loadScript(src) {
    if (window.ApexCharts) {
        return Promise.resolve(window.ApexCharts);
    }
    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = () => resolve(window.ApexCharts);
        script.onerror = () => reject(new Error(`could not load ${src}`));
        document.head.appendChild(script);
    });
}

async function loadLocales() {
    const names = ['vi', 'en'];
    const responses = await Promise.all(names.map(n => fetch(import.meta.resolve(`${libraryDir}locales/${n}.json`))));
    return Promise.all(responses.map(r => r.json()));
}

// The C# side sends plain JSON: ApexCharts options plus `numberFormat` { locale, style, decimals, percentPattern },
// which becomes the formatter functions JSON cannot carry. Every string in it is text (a unit's short name comes
// from an import file); asText makes sure none of it is ever read as markup.
function toApexOptions(options, init) {
    const { numberFormat, ...apex } = options;
    const format = formatter(numberFormat);
    const type = apex.chart.type;
    const horizontal = apex.plotOptions?.bar?.horizontal === true;

    apex.dataLabels = {
        ...apex.dataLabels,
        // A donut's labels are shares of the whole; everything else shows the value itself.
        formatter: type === 'donut' ? percentOfWhole(numberFormat) : format,
    };
    if (horizontal) {
        apex.xaxis = { ...apex.xaxis, labels: { ...apex.xaxis?.labels, formatter: format } };
    } else if (type !== 'heatmap' && type !== 'donut') {
        apex.yaxis = { ...apex.yaxis, labels: { ...apex.yaxis?.labels, formatter: format } };
    }

    // Stacked shares of a whole end at 100 %, not at the next round step above it.
    if (apex.chart.stacked && numberFormat.style === 'percent') {
        const axis = horizontal ? 'xaxis' : 'yaxis';
        apex[axis] = { ...apex[axis], min: 0, max: 100 };
    }

    // Figures are read, not watched: a chart is drawn at once (a drill-down shows its bars without an
    // 800 ms sweep, and nobody who asked the system for reduced motion gets any).
    apex.chart = { ...apex.chart, animations: { enabled: false } };

    if (init) {
        apex.chart = {
            ...apex.chart,
            locales: init.locales,
            events: {
                dataPointSelection: (_e, _ctx, o) =>
                    init.dotNetRef.invokeMethodAsync('OnDataPointSelected', o.seriesIndex, o.dataPointIndex),
                legendClick: (_ctx, seriesIndex) =>
                    init.dotNetRef.invokeMethodAsync('OnLegendClicked', seriesIndex),
            },
        };
    }
    return asText(apex, format);
}

// ApexCharts 4.7 draws titles, axis labels and data labels as SVG text nodes (text, whatever it holds), but
// writes the tooltip (title, series names, values), the x-axis tooltip and the legend with innerHTML. Each
// of those places gets a formatter here that escapes what it shows, so a name like `<img onerror=…>` is
// shown as those characters and never parsed. Options that ApexCharts would put into the page as HTML
// (custom tooltips, legend marker HTML, custom SVG annotations) are never set. This is the one place.
function asText(apex, format) {
    const donut = apex.chart.type === 'donut';
    apex.tooltip = {
        ...apex.tooltip,
        custom: undefined,
        x: { ...apex.tooltip?.x, formatter: value => escapeHtml(value) },
        y: { formatter: value => escapeHtml(format(value)), title: { formatter: name => escapeHtml(name) } },
        z: { formatter: value => escapeHtml(value), title: '' },
    };
    if (!donut) {
        apex.xaxis = { ...apex.xaxis, tooltip: { ...apex.xaxis?.tooltip, formatter: value => escapeHtml(value) } };
    }
    apex.legend = {
        ...apex.legend,
        tooltipHoverFormatter: undefined,
        markers: { ...apex.legend?.markers, customHTML: undefined },
        formatter: donut
            ? (name, o) => escapeHtml(`${name}: ${format(o.w.globals.series[o.seriesIndex])}`)
            : name => escapeHtml(name),
    };
    delete apex.annotations;
    return apex;
}

const htmlEscapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value) {
    if (value === null || value === undefined) {
        return '';
    }
    const text = Array.isArray(value) ? value.join(' ') : String(value);
    return text.replace(/[&<>"']/g, c => htmlEscapes[c]);
}

function formatter(numberFormat) {
    const format = new Intl.NumberFormat(numberFormat.locale, {
        minimumFractionDigits: numberFormat.decimals,
        maximumFractionDigits: numberFormat.decimals,
    });
    // Percentages arrive as 94.2 (per cent) and are written in the page's own pattern ("94,2 %" in Vietnamese).
    const write = numberFormat.style === 'percent'
        ? value => numberFormat.percentPattern.replace('{0}', format.format(value))
        : value => format.format(value);
    return value => (value === null || value === undefined || Number.isNaN(value)) ? '' : write(value);
}

function percentOfWhole(numberFormat) {
    const format = new Intl.NumberFormat(numberFormat.locale, { maximumFractionDigits: 1 });
    return value => numberFormat.percentPattern.replace('{0}', format.format(value));
}
