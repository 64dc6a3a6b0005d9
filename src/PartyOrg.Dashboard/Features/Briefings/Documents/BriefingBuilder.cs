using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Components.Charts;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Dashboard;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Surveys;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Briefings.Documents;

/// <summary>
/// Builds the briefing of one scope unit and quarter from the stored aggregates (never from facts): the
/// unit's figures in the quarter, the previous one and the same quarter last year, its children's figures
/// in the tree of the quarter, and the units needing attention by the dashboard's rules.
/// </summary>
public sealed class BriefingBuilder(
    OrgTreeService trees,
    MetricsQueryService metrics,
    AggregateService aggregates,
    IDbContextFactory<AppDbContext> contexts,
    IStringLocalizer<BriefingText> localizer,
    AppClock clock)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly IReadOnlyList<string> GradeColours = ["#2E7D32", "#1565C0", "#F9A825", "#B71C1C"];

    /// <exception cref="InvalidOperationException">The quarter's aggregates are missing or stale.</exception>
    /// <exception cref="KeyNotFoundException">No unit has the scope code at the end of the quarter.</exception>
    public async Task<BriefingModel> BuildAsync(BriefingRequest request, CancellationToken cancellationToken)
    {
        var quarter = request.Quarter;
        var state = await aggregates.GetStateAsync(quarter, cancellationToken);
        if (state?.ComputedAt is not { } computedAt || state.ComputedVersion is not { } version)
        {
            throw new InvalidOperationException($"The aggregates of {quarter} have not been computed; recompute the quarter before its briefing is generated.");
        }

        if (state.IsStale)
        {
            throw new InvalidOperationException(
                $"The aggregates of {quarter} are stale (computed from data version {version}, the data are at version {state.DataVersion}); recompute the quarter before its briefing is generated.");
        }

        var tree = await trees.GetTreeAsync(quarter, cancellationToken);
        var node = tree.Find(request.ScopeCode)
            ?? throw new KeyNotFoundException($"No unit has the code '{request.ScopeCode}' at the end of {quarter}.");
        var texts = new BriefingTexts(localizer, request.Culture);

        var practices = await PracticesAsync(request.Culture, cancellationToken);
        var keys = await metrics.AllKeysAsync(cancellationToken);
        var figures = new FigureReader(
            await metrics.GetAsync(node.Id, quarter, keys, cancellationToken),
            await metrics.GetAsync(node.Id, quarter.Previous, keys, cancellationToken),
            await metrics.GetAsync(node.Id, quarter.SameQuarterLastYear, keys, cancellationToken));
        var children = tree.Children(node.Id);
        var childValues = children.Count == 0
            ? new Dictionary<int, IReadOnlyDictionary<string, Metric>>()
            : await metrics.GetManyAsync(children.Select(c => c.Id).ToList(), quarter, keys, cancellationToken);
        var attention = new AttentionFigures(
            await DashboardService.AttentionAsync(metrics, tree, node, quarter, cancellationToken),
            await AttentionInAsync(node.Code, quarter.Previous, cancellationToken),
            await AttentionInAsync(node.Code, quarter.SameQuarterLastYear, cancellationToken));

        var context = new SectionContext(texts, new BriefingNarrative(texts), quarter, node, tree, children, childValues, figures, practices);
        var root = tree.PathTo(node.Id)[0];
        return new BriefingModel(
            request,
            node.Code,
            node.Name,
            version,
            computedAt,
            Header(texts, quarter, root, node),
            texts.Format("Intro", node.Name, texts.QuarterInSentence(quarter)),
            texts.Format("Provenance", version.ToString(CultureInfo.InvariantCulture), texts.DateTime(AppClock.ToLocal(computedAt))),
            [Structure(context), Meetings(context), Grades(context), Survey(context), Practices(context), Attention(context, attention)],
            new BriefingClosing(texts["Recipients"], [texts["Recipient1"], texts["Recipient2"], texts["Recipient3"], texts["Recipient4"]], texts["SignOnBehalf"], texts["SignTitle"]),
            RawMetrics(texts, keys, node, figures.Current.Values, children, childValues),
            texts);
    }

    private BriefingHeader Header(BriefingTexts texts, Quarter quarter, OrgNode root, OrgNode node)
    {
        var today = clock.Today;
        var subject = texts.Format("Subject", BriefingTexts.RomanOf(quarter), quarter.Year.ToString(CultureInfo.InvariantCulture), quarter.Number);
        if (node.Id != root.Id)
        {
            subject = texts.Format("SubjectScope", subject, node.Name);
        }

        return new BriefingHeader(
            root.Name.ToUpper(Vietnamese),
            texts["IssuerBody"],
            texts["IssuerStar"],
            texts["DocumentNumber"],
            texts["PartyName"],
            texts.Format("PlaceDate", root.ShortName, DayOrMonth(today.Day, padded: today.Day < 10), DayOrMonth(today.Month, padded: today.Month < 3),
                today.Year.ToString(CultureInfo.InvariantCulture), today.ToString("d MMMM yyyy", texts.Culture)),
            texts["Title"],
            subject);
    }

    /// <summary>Hướng dẫn 36-HD/VPTW: days under 10 and the months 1 and 2 are written with a leading zero.</summary>
    private static string DayOrMonth(int value, bool padded) =>
        value.ToString(padded ? "00" : "0", CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<AttentionItem>?> AttentionInAsync(string code, Quarter quarter, CancellationToken cancellationToken)
    {
        var state = await aggregates.GetStateAsync(quarter, cancellationToken);
        if (state?.ComputedAt is null)
        {
            return null;
        }

        var tree = await trees.GetTreeAsync(quarter, cancellationToken);
        return tree.Find(code) is { } node ? await DashboardService.AttentionAsync(metrics, tree, node, quarter, cancellationToken) : null;
    }

    private async Task<IReadOnlyList<(string Key, string Name)>> PracticesAsync(CultureInfo culture, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Practices.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Code, p.Name, p.NameEn }).ToListAsync(cancellationToken);
        var vietnamese = culture.TwoLetterISOLanguageName == "vi";
        return rows.Select(p => (MetricKeys.PracticeCoverage(p.Code), vietnamese ? p.Name : p.NameEn)).ToList();
    }

    private static BriefingSection Structure(SectionContext c)
    {
        var t = c.Texts;
        var f = c.Figures;
        var organisations = Sum(f.Current, MetricKeys.GrassrootsCommittees, MetricKeys.GrassrootsCells);
        var rows = new List<BriefingFigure>();
        if (c.Node.Kind == UnitKind.Province)
        {
            rows.Add(f.Count(t["UpperCommittees"], MetricKeys.UpperCommittees));
        }

        rows.Add(new BriefingFigure(t["GrassrootsOrganisations"], MetricKind.Count, organisations,
            Sum(f.Previous, MetricKeys.GrassrootsCommittees, MetricKeys.GrassrootsCells), Sum(f.LastYear, MetricKeys.GrassrootsCommittees, MetricKeys.GrassrootsCells)));
        rows.Add(f.Count(t["GrassrootsCommittees"], MetricKeys.GrassrootsCommittees));
        rows.Add(f.Count(t["GrassrootsCells"], MetricKeys.GrassrootsCells));
        rows.Add(f.Count(t["SubordinateCells"], MetricKeys.SubordinateCells));
        rows.Add(f.Count(t["SmallCells"], MetricKeys.SmallCells));
        var members = f.Count(t["MembersTotal"], MetricKeys.MembersTotal);
        rows.Add(members);
        rows.Add(f.Count(t["MembersExempt"], MetricKeys.MembersExempt));
        rows.Add(f.Count(t["MembersEligible"], MetricKeys.MembersEligible));

        var small = CountOf(f.Current.Values, MetricKeys.SmallCells) ?? 0;
        var narrative = new List<string>
        {
            t.Format("StructureSentence", t.QuarterInSentence(c.Quarter), c.Node.Name, t.Count(organisations ?? 0),
                t.Count(CountOf(f.Current.Values, MetricKeys.GrassrootsCommittees) ?? 0), t.Count(CountOf(f.Current.Values, MetricKeys.GrassrootsCells) ?? 0),
                t.Count(CountOf(f.Current.Values, MetricKeys.SubordinateCells) ?? 0), t.Count(members.Current ?? 0), t.Count(CountOf(f.Current.Values, MetricKeys.MembersExempt) ?? 0)),
            c.Narrative.Figure(members, c.Quarter),
            small > 0 ? t.Format("SmallCellsSentence", t.Count(small)) : t["NoSmallCells"],
        };

        var table = c.Table(
            [(t["GrassrootsOrganisations"], BriefingCellKind.Count), (t["SubordinateCells"], BriefingCellKind.Count), (t["MembersTotal"], BriefingCellKind.Count),
             (t["MembersExempt"], BriefingCellKind.Count), (t["SmallCells"], BriefingCellKind.Count)],
            v => [BriefingCell.Count(Sum(v, MetricKeys.GrassrootsCommittees, MetricKeys.GrassrootsCells)), BriefingCell.Count(CountOf(v, MetricKeys.SubordinateCells)),
                  BriefingCell.Count(CountOf(v, MetricKeys.MembersTotal)), BriefingCell.Count(CountOf(v, MetricKeys.MembersExempt)), BriefingCell.Count(CountOf(v, MetricKeys.SmallCells))]);
        var chart = c.Bars(t["ChartMembers"], t["MembersTotal"], ChartPalette.Default[0], v => CountOf(v, MetricKeys.MembersTotal), percent: false);
        return new BriefingSection(t["Section1"], t["Sheet1"], narrative, c.FigureTable(rows), table, chart);
    }

    private static BriefingSection Meetings(SectionContext c)
    {
        var t = c.Texts;
        var f = c.Figures;
        var attendance = f.Rate(t["AttendanceRate"], MetricKeys.AttendanceRate);
        var regularity = f.Rate(t["Regularity"], MetricKeys.Regularity);
        var quality = f.Rate(t["QualityShare"], MetricKeys.QualityShare);
        BriefingFigure[] rows =
        [
            regularity, f.Rate(t["ThematicCoverage"], MetricKeys.ThematicCoverage), attendance, quality,
            f.Rate(t["DurationCompliance"], MetricKeys.DurationCompliance), f.Rate(t["DocumentsAhead"], MetricKeys.DocumentsAhead),
            f.Rate(t["UpperLevelPresence"], MetricKeys.UpperLevelPresence),
        ];
        var table = c.Table(
            [(t["Regularity"], BriefingCellKind.Percent), (t["ThematicCoverage"], BriefingCellKind.Percent), (t["AttendanceRate"], BriefingCellKind.Percent),
             (t["QualityShare"], BriefingCellKind.Percent), (t["DurationCompliance"], BriefingCellKind.Percent)],
            v => [BriefingCell.Percent(PercentOf(v, MetricKeys.Regularity)), BriefingCell.Percent(PercentOf(v, MetricKeys.ThematicCoverage)),
                  BriefingCell.Percent(PercentOf(v, MetricKeys.AttendanceRate)), BriefingCell.Percent(PercentOf(v, MetricKeys.QualityShare)),
                  BriefingCell.Percent(PercentOf(v, MetricKeys.DurationCompliance))]);
        var chart = c.Bars(t["ChartAttendance"], t["AttendanceRate"], ChartPalette.Default[0], v => PercentOf(v, MetricKeys.AttendanceRate), percent: true)
            with { Threshold = DashboardRules.AttendanceThreshold, ThresholdLabel = t["ChartThreshold"] };
        return new BriefingSection(t["Section2"], t["Sheet2"],
            [c.Narrative.Figure(attendance, c.Quarter), c.Narrative.Figure(regularity, c.Quarter), c.Narrative.Figure(quality, c.Quarter)],
            c.FigureTable(rows), table, chart);
    }

    private static BriefingSection Grades(SectionContext c)
    {
        var t = c.Texts;
        var f = c.Figures;
        string[] labels = [t["GradeTot"], t["GradeKha"], t["GradeTrungBinh"], t["GradeKem"]];
        var rows = DashboardMetrics.Grades.Select((key, i) => f.Rate(labels[i], key)).ToList();
        var narrative = new List<string>();
        if (rows.All(r => r.Current is null))
        {
            narrative.Add(t["NoGrades"]);
        }
        else
        {
            narrative.Add(t.Format("GradeSentence", rows.Select(r => (object?)t.Value(r.Current, MetricKind.Rate)).ToArray()));
            narrative.Add(c.Narrative.Figure(rows[0], c.Quarter));
        }

        var table = c.Table(
            labels.Select(l => (l, BriefingCellKind.Percent)).ToList(),
            v => DashboardMetrics.Grades.Select(key => BriefingCell.Percent(PercentOf(v, key))).ToList());
        var chart = new BriefingChart(
            t["ChartGrades"],
            BriefingChartKind.StackedBars,
            c.Children.Select(n => n.ShortName).ToList(),
            DashboardMetrics.Grades.Select((key, i) => new BriefingSeries(labels[i], GradeColours[i], c.Children.Select(n => PercentOf(c.ChildValues[n.Id], key)).ToList())).ToList(),
            Percent: true);
        return new BriefingSection(t["Section3"], t["Sheet3"], narrative, c.FigureTable(rows), table, chart);
    }

    private static BriefingSection Survey(SectionContext c)
    {
        var t = c.Texts;
        var f = c.Figures;
        var responses = f.Count(t["SurveyResponses"], MetricKeys.SurveyResponses);
        var rate = f.Rate(t["SurveyResponseRate"], MetricKeys.SurveyResponseRate);
        var index = f.Rate(t["SurveyIndex"], MetricKeys.SurveyIndex, scale: 1);
        var rows = new List<BriefingFigure> { responses, rate, index };
        rows.AddRange(Questionnaire.Questions.Select(q =>
            f.Rate(t.Format("SurveyQuestion", q.Number, t.IsVietnamese ? q.TextVi : q.TextEn), MetricKeys.SurveyFavourable(q.Number))));

        var table = c.Table(
            [(t["SurveyResponses"], BriefingCellKind.Count), (t["SurveyResponseRate"], BriefingCellKind.Percent), (t["SurveyIndex"], BriefingCellKind.Percent),
             (t.Format("SurveyQuestion", 11, t.IsVietnamese ? Questionnaire.Questions[10].TextVi : Questionnaire.Questions[10].TextEn), BriefingCellKind.Percent)],
            v => [BriefingCell.Count(CountOf(v, MetricKeys.SurveyResponses)), BriefingCell.Percent(PercentOf(v, MetricKeys.SurveyResponseRate)),
                  BriefingCell.Percent(v[MetricKeys.SurveyIndex].Value, v[MetricKeys.SurveyIndex].Suppressed),
                  BriefingCell.Percent(PercentOf(v, MetricKeys.SurveyFavourable(11)), v[MetricKeys.SurveyFavourable(11)].Suppressed)],
            note: c.ChildValues.Values.Any(v => v[MetricKeys.SurveyIndex].Suppressed || v[MetricKeys.SurveyFavourable(11)].Suppressed) ? t["SuppressedNote"] : null);
        var chart = c.Bars(t["ChartSurvey"], t["SurveyIndex"], ChartPalette.Default[1], v => v[MetricKeys.SurveyIndex].Value, percent: true);
        return new BriefingSection(t["Section4"], t["Sheet4"],
            [t.Format("ResponsesSentence", t.Count(responses.Current ?? 0)), c.Narrative.Figure(index, c.Quarter), c.Narrative.Figure(rate, c.Quarter)],
            c.FigureTable(rows), table, chart);
    }

    private static BriefingSection Practices(SectionContext c)
    {
        var t = c.Texts;
        var f = c.Figures;
        var mean = new BriefingFigure(t["CoverageAverage"], MetricKind.Rate,
            MeanCoverage(f.Current.Values, c.Practices), MeanCoverage(f.Previous.Values, c.Practices), MeanCoverage(f.LastYear.Values, c.Practices));
        var each = c.Practices.Select(p => f.Rate(p.Name, p.Key)).ToList();
        var narrative = new List<string> { c.Narrative.Figure(mean, c.Quarter) };
        var defined = each.Where(p => p.Current is not null).OrderByDescending(p => p.Current).ToList();
        if (defined.Count > 1)
        {
            narrative.Add(t.Format("PracticesBest", defined[0].Label, t.Value(defined[0].Current, MetricKind.Rate), defined[^1].Label, t.Value(defined[^1].Current, MetricKind.Rate)));
        }

        var table = c.Table(
            [(t["CoverageAverage"], BriefingCellKind.Percent), (t["PracticesPresent"], BriefingCellKind.Count)],
            v => [BriefingCell.Percent(MeanCoverage(v, c.Practices)), BriefingCell.Count(c.Practices.Count(p => v[p.Key].Value > 0))]);
        var chart = new BriefingChart(
            t["ChartPractices"],
            BriefingChartKind.Bars,
            each.Select(p => p.Label).ToList(),
            [new BriefingSeries(t["CoverageAverage"], ChartPalette.Default[4], each.Select(p => p.Current).ToList())],
            Percent: true);
        return new BriefingSection(t["Section5"], t["Sheet5"], narrative, c.FigureTable([mean, .. each]), table, chart);
    }

    private static BriefingSection Attention(SectionContext c, AttentionFigures attention)
    {
        var t = c.Texts;
        string[] labels = [t["AttentionCountLow"], t["AttentionCountFalling"], t["AttentionCountSmall"]];
        AttentionReason[] reasons = [AttentionReason.LowAttendance, AttentionReason.FallingSurvey, AttentionReason.SmallCells];
        double? CountIn(IReadOnlyList<AttentionItem>? items, AttentionReason? reason) =>
            items is null ? null : items.Count(i => reason is null || i.Findings.Any(f => f.Reason == reason));
        var rows = new List<BriefingFigure>
        {
            new(t["AttentionTotal"], MetricKind.Count,
                CountIn(attention.Current, null), CountIn(attention.Previous, null), CountIn(attention.LastYear, null)),
        };
        rows.AddRange(reasons.Select((r, i) => new BriefingFigure(labels[i], MetricKind.Count,
            CountIn(attention.Current, r), CountIn(attention.Previous, r), CountIn(attention.LastYear, r))));

        var narrative = attention.Current.Count == 0
            ? new List<string> { t["AttentionNone"] }
            : [t.Format("AttentionSentence", t.Count(attention.Current.Count), t.Count(rows[1].Current ?? 0), t.Count(rows[2].Current ?? 0), t.Count(rows[3].Current ?? 0)),
               t["AttentionScope"]];

        var table = new BriefingTable(
            t["TableCaption"],
            [new BriefingColumn(t["Unit"], BriefingCellKind.Text, 3), new BriefingColumn(t["ParentUnit"], BriefingCellKind.Text, 2),
             new BriefingColumn(t["AttentionReasons"], BriefingCellKind.Text, 4)],
            attention.Current.Select(i => (IReadOnlyList<BriefingCell>)
                [BriefingCell.Of(i.Unit.Name), BriefingCell.Of(i.ParentName), BriefingCell.Of(string.Join("; ", i.Findings.Select(f => Finding(t, f))))]).ToList(),
            attention.Current.Count == 0 ? t["AttentionNone"] : null);
        var chart = new BriefingChart(t["ChartAttention"], BriefingChartKind.Bars, labels,
            [new BriefingSeries(t["Section6"], ChartPalette.Default[0], rows.Skip(1).Select(r => r.Current).ToList())], Percent: false);
        return new BriefingSection(t["Section6"], t["Sheet6"], narrative, c.FigureTable(rows), table, chart);
    }

    private static string Finding(BriefingTexts t, AttentionFinding finding) => finding.Reason switch
    {
        AttentionReason.LowAttendance => t.Format("AttentionLowAttendance", t.Value(finding.Value, MetricKind.Rate)),
        AttentionReason.FallingSurvey => t.Format("AttentionFallingSurvey", t.Delta(finding.Value, MetricKind.Rate)),
        _ => t.Format("AttentionSmallCells", t.Count(finding.Value)),
    };

    private static BriefingRawMetrics RawMetrics(
        BriefingTexts t, IReadOnlyList<string> keys, OrgNode node, IReadOnlyDictionary<string, Metric> own,
        IReadOnlyList<OrgNode> children, IReadOnlyDictionary<int, IReadOnlyDictionary<string, Metric>> childValues)
    {
        var units = children.Select(c => (c, childValues[c.Id])).Prepend((node, own));
        var rows = units
            .SelectMany(u => keys.Select(k => (u.Item1, Key: k, Metric: u.Item2.GetValueOrDefault(k) ?? Metric.Empty)))
            .Select(r => new BriefingRawMetric(r.Item1.Code, r.Item1.Name, r.Key, r.Metric.Numerator, r.Metric.Denominator, r.Metric.Value, r.Metric.Suppressed))
            .ToList();
        return new BriefingRawMetrics([t["Code"], t["Unit"], t["Key"], t["Numerator"], t["Denominator"], t["Value"], t["Suppressed"]], rows);
    }

    private static double? CountOf(IReadOnlyDictionary<string, Metric> values, string key) =>
        values.TryGetValue(key, out var m) ? m.Value ?? (m.Suppressed ? null : 0) : null;

    private static double? PercentOf(IReadOnlyDictionary<string, Metric> values, string key) =>
        values.TryGetValue(key, out var m) && m.Value is { } v ? v * 100 : null;

    private static double? Sum(IReadOnlyDictionary<string, Metric> values, params string[] keys) =>
        keys.Select(k => CountOf(values, k)).Aggregate((double?)0, (a, b) => a + b);

    private static double? Sum(UnitMetrics metrics, params string[] keys) =>
        metrics.ComputedAt is null ? null : Sum(metrics.Values, keys);

    private static double? MeanCoverage(IReadOnlyDictionary<string, Metric> values, IReadOnlyList<(string Key, string Name)> practices) =>
        DashboardRules.Mean(practices.Select(p => values.GetValueOrDefault(p.Key)?.Value)) is { } mean ? mean * 100 : null;

    /// <summary>The scope unit's metrics in the three quarters a briefing compares.</summary>
    private sealed record FigureReader(UnitMetrics Current, UnitMetrics Previous, UnitMetrics LastYear)
    {
        /// <summary>A count; 0 when the quarter was computed and has no row (nothing to count), null when it was not.</summary>
        public BriefingFigure Count(string label, string key) =>
            new(label, MetricKind.Count, Read(Current, key, 1, count: true), Read(Previous, key, 1, count: true), Read(LastYear, key, 1, count: true));

        /// <summary>A share shown as a percentage (<paramref name="scale"/> 1 for the survey index, already 0–100).</summary>
        public BriefingFigure Rate(string label, string key, double scale = 100) =>
            new(label, MetricKind.Rate, Read(Current, key, scale, count: false), Read(Previous, key, scale, count: false), Read(LastYear, key, scale, count: false),
                Current.Values.TryGetValue(key, out var m) && m.Suppressed);

        private static double? Read(UnitMetrics metrics, string key, double scale, bool count) =>
            metrics.ComputedAt is null || !metrics.Values.TryGetValue(key, out var m) ? null
            : m.Value is { } v ? v * scale
            : count && !m.Suppressed ? 0 : null;
    }

    private sealed record AttentionFigures(IReadOnlyList<AttentionItem> Current, IReadOnlyList<AttentionItem>? Previous, IReadOnlyList<AttentionItem>? LastYear);

    private sealed record SectionContext(
        BriefingTexts Texts,
        BriefingNarrative Narrative,
        Quarter Quarter,
        OrgNode Node,
        OrgTree Tree,
        IReadOnlyList<OrgNode> Children,
        IReadOnlyDictionary<int, IReadOnlyDictionary<string, Metric>> ChildValues,
        FigureReader Figures,
        IReadOnlyList<(string Key, string Name)> Practices)
    {
        public BriefingFigureTable FigureTable(IReadOnlyList<BriefingFigure> rows) => new(
            Texts["FiguresCaption"],
            [Texts["Indicator"], Texts.Quarter(Quarter), Texts.Quarter(Quarter.Previous), Texts["ChangeShort"], Texts.Quarter(Quarter.SameQuarterLastYear), Texts["ChangeShort"]],
            rows);

        /// <summary>A row per child (every one), the unit's name first.</summary>
        public BriefingTable Table(
            IReadOnlyList<(string Header, BriefingCellKind Kind)> columns,
            Func<IReadOnlyDictionary<string, Metric>, IReadOnlyList<BriefingCell>> cells,
            string? note = null) => new(
            Texts["TableCaption"],
            [new BriefingColumn(Texts["Unit"], BriefingCellKind.Text, 3), .. columns.Select(c => new BriefingColumn(c.Header, c.Kind, 1.2))],
            Children.Select(n => (IReadOnlyList<BriefingCell>)[BriefingCell.Of(n.Name), .. cells(ChildValues[n.Id])]).ToList(),
            Children.Count == 0 ? Texts["NoChildren"] : note);

        public BriefingChart Bars(string title, string series, string colour, Func<IReadOnlyDictionary<string, Metric>, double?> value, bool percent) => new(
            title,
            BriefingChartKind.Bars,
            Children.Select(n => n.ShortName).ToList(),
            [new BriefingSeries(series, colour, Children.Select(n => value(ChildValues[n.Id])).ToList())],
            percent);
    }
}
