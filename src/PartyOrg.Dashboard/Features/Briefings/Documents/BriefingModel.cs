using PartyOrg.Dashboard.Features.Dashboard;

namespace PartyOrg.Dashboard.Features.Briefings.Documents;

/// <summary>
/// One briefing, ready to be written in any format: the header of Hướng dẫn 36-HD/VPTW, the sections with
/// their figures, tables, charts and narrative, the closing block and every raw metric behind them. All
/// texts are in the request's culture; numbers stay numbers until a writer formats them.
/// </summary>
public sealed record BriefingModel(
    BriefingRequest Request,
    string ScopeCode,
    string ScopeName,
    long DataVersion,
    DateTimeOffset ComputedAt,
    BriefingHeader Header,
    string Introduction,
    string Provenance,
    IReadOnlyList<BriefingSection> Sections,
    BriefingClosing Closing,
    BriefingRawMetrics RawMetrics,
    BriefingTexts Texts);

/// <summary>
/// The header block: the issuing body on the left ("ĐẢNG BỘ TỈNH TRÀ VINH", "BAN TỔ CHỨC", "*", "Số …-BC/BTCTU"),
/// the Party's name and the place-and-date line on the right, then the title and its subject.
/// </summary>
public sealed record BriefingHeader(
    string IssuerParent,
    string Issuer,
    string IssuerMark,
    string Number,
    string PartyName,
    string PlaceAndDate,
    string Title,
    string Subject);

/// <summary>"Nơi nhận" on the left, the signature block on the right.</summary>
public sealed record BriefingClosing(string RecipientsHeading, IReadOnlyList<string> Recipients, string SignOnBehalf, string SignTitle);

/// <summary>One section: heading, narrative, the key figures with their changes, the table by unit and a chart.</summary>
public sealed record BriefingSection(
    string Heading,
    string SheetName,
    IReadOnlyList<string> Narrative,
    BriefingFigureTable Figures,
    BriefingTable Table,
    BriefingChart Chart);

/// <summary>A figure of the scope unit: this quarter, the previous one and the same quarter last year.</summary>
public sealed record BriefingFigure(string Label, MetricKind Kind, double? Current, double? Previous, double? LastYear, bool Suppressed = false)
{
    public double? DeltaPrevious => DashboardRules.Delta(Current, Previous);

    public double? DeltaLastYear => DashboardRules.Delta(Current, LastYear);
}

/// <summary>The key figures with the headers of their columns (the quarters are named).</summary>
public sealed record BriefingFigureTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<BriefingFigure> Rows);

public enum BriefingCellKind
{
    Text = 1,
    Count = 2,

    /// <summary>A percentage 0–100 ("94,2 %").</summary>
    Percent = 3,
}

/// <summary>A table cell: text, or a number (null when there is none, marked when suppressed).</summary>
public sealed record BriefingCell(BriefingCellKind Kind, string? Text = null, double? Number = null, bool Suppressed = false)
{
    public static BriefingCell Of(string text) => new(BriefingCellKind.Text, text);

    public static BriefingCell Count(double? value) => new(BriefingCellKind.Count, Number: value);

    public static BriefingCell Percent(double? value, bool suppressed = false) => new(BriefingCellKind.Percent, Number: value, Suppressed: suppressed);
}

/// <param name="Width">Relative width in the printed table.</param>
public sealed record BriefingColumn(string Header, BriefingCellKind Kind, double Width);

/// <summary>A table by unit: every row, in the tree's order; writers repeat the header row on each page.</summary>
public sealed record BriefingTable(string Caption, IReadOnlyList<BriefingColumn> Columns, IReadOnlyList<IReadOnlyList<BriefingCell>> Rows, string? Note);

public enum BriefingChartKind
{
    /// <summary>One value per category, horizontal bars.</summary>
    Bars = 1,

    /// <summary>Shares per category stacked to 100, horizontal bars.</summary>
    StackedBars = 2,
}

public sealed record BriefingSeries(string Name, string Colour, IReadOnlyList<double?> Values);

/// <summary>A chart drawn on the server; <paramref name="Threshold"/> draws a reference line (85 % attendance).</summary>
public sealed record BriefingChart(
    string Title,
    BriefingChartKind Kind,
    IReadOnlyList<string> Categories,
    IReadOnlyList<BriefingSeries> Series,
    bool Percent,
    double? Threshold = null,
    string? ThresholdLabel = null);

/// <summary>Every metric of the scope unit and its children, as stored: the XLSX's raw sheet.</summary>
public sealed record BriefingRawMetrics(IReadOnlyList<string> Headers, IReadOnlyList<BriefingRawMetric> Rows);

public sealed record BriefingRawMetric(string UnitCode, string UnitName, string Key, double? Numerator, double? Denominator, double? Value, bool Suppressed);
