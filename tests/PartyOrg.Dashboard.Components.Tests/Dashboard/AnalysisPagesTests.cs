using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Components.Charts;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Dashboard.Analysis;
using PartyOrg.Dashboard.Features.Practices;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using TestContext = Xunit.TestContext;

namespace PartyOrg.Dashboard.Components.Tests.Dashboard;

/// <summary>
/// The attendance, surveys and practices pages over stored aggregates of <see cref="DashboardProvince"/>:
/// the province (TV) with Tiểu Cần (TC) and an agency cell (KCQ-CB) under it. The figures below are
/// written as the recompute would store them (numerator and denominator); the pages must show them, in
/// order, in the current culture, and drill down through charts.js's click-backs.
/// </summary>
public sealed class AnalysisPagesTests : ComponentTest, IAsyncLifetime
{
    private static readonly Quarter Q4 = DashboardProvince.Q4;
    private static readonly Quarter Q3 = DashboardProvince.Q3;
    private readonly BunitJSModuleInterop _charts;
    private OrgDatabase _db = default!;

    public AnalysisPagesTests()
    {
        _charts = JSInterop.SetupModule("./js/charts.js");
        _charts.Mode = JSRuntimeMode.Strict;
        _charts.SetupVoid("render", _ => true).SetVoidResult();
        _charts.SetupVoid("update", _ => true).SetVoidResult();
    }

    public async ValueTask InitializeAsync()
    {
        _db = await DashboardProvince.CreateAsync(Services);
        await DashboardProvince.ComputeAsync(Services);
        await StoreAsync(Q4,
            ("TV", MetricKeys.AttendanceRate, 942, 1000, false),
            ("TC", MetricKeys.AttendanceRate, 80, 100, false),
            ("KCQ-CB", MetricKeys.AttendanceRate, 95, 100, false),
            ("TV", MetricKeys.QualityShare, 3, 4, false),
            ("TC", MetricKeys.QualityShare, 9, 10, false),
            ("KCQ-CB", MetricKeys.QualityShare, 1, 2, false),
            ("TV", MetricKeys.GradeTot, 6, 10, false),
            ("TV", MetricKeys.GradeKha, 3, 10, false),
            ("TV", MetricKeys.GradeTrungBinh, 1, 10, false),
            ("TC", MetricKeys.GradeTot, 1, 2, false),
            ("TC", MetricKeys.GradeKha, 1, 2, false),
            ("TV", MetricKeys.SurveyResponses, 1234, 1, false),
            ("TV", MetricKeys.SurveyResponseRate, 1234, 2000, false),
            ("TV", MetricKeys.SurveyIndex, 815, 10, false),
            ("TV", MetricKeys.SurveyFavourable(1), 815, 1000, false),
            ("TV", MetricKeys.SurveyFavourable(2), 1, 3, false),
            ("TC", MetricKeys.SurveyResponses, 4, 1, false),
            ("TC", MetricKeys.SurveyResponseRate, 4, 50, false),
            ("TC", MetricKeys.SurveyIndex, 0, 0, true),
            ("TC", MetricKeys.SurveyFavourable(1), 0, 0, true),
            ("KCQ-CB", MetricKeys.SurveyResponses, 1230, 1, false),
            ("KCQ-CB", MetricKeys.SurveyResponseRate, 1230, 1950, false),
            ("KCQ-CB", MetricKeys.SurveyIndex, 70, 1, false),
            ("KCQ-CB", MetricKeys.SurveyFavourable(1), 9, 10, false));
        await StoreAsync(Q3, ("TV", MetricKeys.AttendanceRate, 90, 100, false), ("TV", MetricKeys.SurveyIndex, 75, 1, false));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Attendance_shows_the_units_figures_in_vi_VN_and_its_children_best_first()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var page = await RenderAsync<AttendancePage>("/attendance?quarter=2024-Q4");

        Assert.Equal("94,2 %", Text(page, "figure-attendance-rate"));
        Assert.Equal("75,0 %", Text(page, "figure-attendance-quality-share"));
        Assert.Equal("—", Text(page, "figure-meetings-documents-ahead"));
        var bars = Chart(page, ChartKind.Bar);
        Assert.Equal(["Chi bộ Sở Tư pháp", "Đảng bộ huyện Tiểu Cần"], bars.Categories);
        Assert.Equal([95d, 80d], bars.Series[0].Values.Select(v => Math.Round(v!.Value, 6)));
        // The trend ends with 2024-Q3 (90 %) and 2024-Q4 (94,2 %).
        var trend = Chart(page, ChartKind.Line);
        Assert.Equal([90d, 94.2], trend.Series[0].Values.TakeLast(2).Select(v => Math.Round(v!.Value, 6)));
        Assert.Equal("Quý IV/2024", trend.Categories[^1]);
        // The donut: the province's grades; the stacked bars: each child's.
        Assert.Equal([60d, 30d, 10d, null], Chart(page, ChartKind.Donut).Series[0].Values.Select(v => v is null ? (double?)null : Math.Round(v.Value, 6)));
        var grades = Chart(page, ChartKind.StackedBar);
        Assert.Equal(["Tốt", "Khá", "Trung bình", "Kém"], grades.Series.Select(s => s.Name));
        Assert.Equal(50d, grades.Series[0].Values[1]!.Value, 6);
    }

    [Fact]
    public async Task Attendance_in_English_writes_numbers_the_English_way()
    {
        using var culture = new CultureScope("en-US");
        SignIn(Roles.StandingCommittee);

        var page = await RenderAsync<AttendancePage>("/attendance?quarter=2024-Q4");

        Assert.Equal("94.2%", Text(page, "figure-attendance-rate"));
        Assert.Equal("Cell meetings", page.Find("h1[data-testid='page-title']").TextContent.Trim());
    }

    [Fact]
    public async Task The_metric_in_the_URL_sorts_the_children_and_a_bar_click_opens_the_childs_page()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);
        var navigation = Services.GetRequiredService<NavigationManager>();

        var page = await RenderAsync<AttendancePage>("/attendance?quarter=2024-Q4&metric=attendance.quality_share");

        var bars = page.FindComponents<ApexChart>().First(c => c.Instance.Kind == ChartKind.Bar);
        Assert.Equal(["Đảng bộ huyện Tiểu Cần", "Chi bộ Sở Tư pháp"], bars.Instance.Categories);
        Assert.Equal("/units/TC?quarter=2024-Q4", page.Find("[data-testid='attendance-table'] a[data-testid='child-link']").GetAttribute("href"));
        await page.InvokeAsync(() => bars.Instance.HandleDataPointSelected(0, 1));
        Assert.Equal("http://localhost/units/KCQ-CB?quarter=2024-Q4", navigation.Uri);
    }

    [Fact]
    public async Task A_district_editor_gets_their_unit_and_nothing_outside_it()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.DistrictEditor, "Ban Tổ chức Huyện ủy Tiểu Cần", "TC");

        var own = await RenderAsync<AttendancePage>("/attendance?quarter=2024-Q4");
        Assert.Equal("80,0 %", Text(own, "figure-attendance-rate"));
        Assert.Contains("Đảng bộ huyện Tiểu Cần", own.Find("[data-testid='scope-unit']").TextContent, StringComparison.Ordinal);

        var other = await RenderAsync<SurveysPage>("/surveys?quarter=2024-Q4&unit=KCQ-CB");
        Assert.Empty(other.FindAll("[data-testid='survey-index']"));
        Assert.Contains("Không có đơn vị nào trong phạm vi", other.Find("[data-testid='no-unit']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Surveys_show_the_index_the_questions_and_say_plainly_when_results_are_suppressed()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var page = await RenderAsync<SurveysPage>("/surveys?quarter=2024-Q4");

        Assert.Equal("81,5 %", Text(page, "survey-index"));
        Assert.Equal("61,7 %", Text(page, "survey-response-rate"));
        Assert.Equal("1.234", Text(page, "survey-responses"));
        Assert.Contains("Tôi nhận được thời gian, địa điểm và tài liệu", page.Find("[data-testid='survey-q1'] th").TextContent, StringComparison.Ordinal);
        Assert.Equal("81,5 %", page.Find("[data-testid='survey-q1'] td").TextContent.Trim());
        Assert.Equal("33,3 %", page.Find("[data-testid='survey-q2'] td").TextContent.Trim());
        Assert.Equal("Không có phiếu trả lời", page.Find("[data-testid='survey-q3'] td").TextContent.Trim());
        // Tiểu Cần has 4 responses: its row says why it shows no index, and the page counts it.
        var rows = page.FindAll("[data-testid='survey-table'] tbody tr");
        Assert.Contains("Chi bộ Sở Tư pháp", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("70,0 %", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Không hiển thị: ít hơn 5 phiếu trả lời", rows[1].TextContent, StringComparison.Ordinal);
        Assert.StartsWith("1 đơn vị có ít hơn 5 phiếu", page.Find("[data-testid='survey-suppressed-children']").TextContent.Trim(), StringComparison.Ordinal);
        var questions = Chart(page, ChartKind.Bar, 0);
        Assert.Equal("Câu 1", questions.Categories[0]);
    }

    [Fact]
    public async Task A_unit_under_five_responses_shows_no_survey_figure_and_says_why()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var page = await RenderAsync<SurveysPage>("/surveys?quarter=2024-Q4&unit=TC");

        Assert.Equal("Không hiển thị: ít hơn 5 phiếu trả lời", Text(page, "survey-index"));
        Assert.Equal("Kết quả khảo sát của Đảng bộ huyện Tiểu Cần trong Quý IV/2024 không được hiển thị vì có ít hơn 5 phiếu trả lời.",
            page.Find("[data-testid='survey-suppressed']").TextContent.Trim());
        Assert.Equal("Không hiển thị: ít hơn 5 phiếu trả lời", page.Find("[data-testid='survey-q1'] td").TextContent.Trim());
        Assert.DoesNotContain(page.FindComponents<ApexChart>(), c => c.Instance.AriaLabel.StartsWith("Tỷ lệ ý kiến đồng ý", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Practices_list_the_catalogue_and_a_heatmap_cell_opens_that_childs_page()
    {
        await AddPracticeAsync();
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);
        var navigation = Services.GetRequiredService<NavigationManager>();

        var page = await RenderAsync<PracticesPage>("/practices?quarter=2024-Q4");

        var row = page.Find("[data-testid='catalogue'] tbody tr");
        Assert.Contains("Hội nghị giao ban bí thư chi bộ ấp, khóm hằng quý", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Đảng bộ huyện Tiểu Cần", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("20/01/2021", page.Find("[data-testid='practice-start']").TextContent.Trim());
        Assert.Equal("50,0 %", page.Find("[data-testid='practice-coverage']").TextContent.Trim());

        var heatmap = page.FindComponents<ApexChart>().Single(c => c.Instance.Kind == ChartKind.Heatmap);
        // Columns in the tree's order; the agency cell is no upper committee, so its cell stays empty.
        Assert.Equal(["Chi bộ Sở Tư pháp", "Đảng bộ huyện Tiểu Cần"], heatmap.Instance.Categories);
        Assert.Equal("D01", heatmap.Instance.Series[0].Name);
        Assert.Equal([null, 100d], heatmap.Instance.Series[0].Values);

        // The timeline counts the adopting units at the province quarter by quarter; the curve is the coverage.
        var timeline = Chart(page, ChartKind.Area);
        Assert.Equal("Quý I/2021", timeline.Categories[0]);
        Assert.Equal([0d, 1d], timeline.Series[0].Values.TakeLast(2));
        Assert.Equal([0d, 50d], Chart(page, ChartKind.Line).Series[0].Values.TakeLast(2));

        await page.InvokeAsync(() => heatmap.Instance.HandleDataPointSelected(0, 1));
        Assert.Equal("http://localhost/units/TC?quarter=2024-Q4", navigation.Uri);
    }

    [Fact]
    public async Task The_heatmap_can_count_adopting_units_instead()
    {
        await AddPracticeAsync();
        using var culture = new CultureScope("en-US");
        SignIn(Roles.StandingCommittee);

        var page = await RenderAsync<PracticesPage>("/practices?quarter=2024-Q4&metric=adopting");

        var heatmap = Chart(page, ChartKind.Heatmap);
        Assert.Equal([null, 1d], heatmap.Series[0].Values);
        Assert.StartsWith("Units adopting", heatmap.AriaLabel, StringComparison.Ordinal);
        Assert.Equal("Quarterly conference of hamlet cell secretaries", page.Find("[data-testid='practice-name']").TextContent.Trim());
        Assert.Equal("1/20/2021", page.Find("[data-testid='practice-start']").TextContent.Trim());
    }

    [Fact]
    public async Task The_heatmap_gets_its_series_in_reverse_so_that_the_first_model_of_the_catalogue_is_drawn_on_top()
    {
        await AddPracticeAsync();
        await AddPracticeAsync("D02", "Tổ tự quản an ninh trật tự ấp", adoptedInTieuCan: false);
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.StandingCommittee);

        var page = await RenderAsync<PracticesPage>("/practices?quarter=2024-Q4");

        Assert.Equal(["D01", "D02"], page.FindAll("[data-testid='catalogue'] tbody tr td:first-child").Select(td => td.TextContent.Trim()));
        var heatmap = Chart(page, ChartKind.Heatmap);
        // ApexCharts draws series bottom-up: D02 at the bottom, D01 (the catalogue's first) on top.
        Assert.Equal(["D02", "D01"], heatmap.Series.Select(s => s.Name));
        Assert.Equal([[null, 0d], [null, 100d]], heatmap.Series.Select(s => s.Values.ToArray()));
        // The other charts keep the catalogue's order (their legends read left to right).
        Assert.Equal(["D01", "D02"], Chart(page, ChartKind.Area).Series.Select(s => s.Name));
    }

    private async Task<IRenderedComponent<T>> RenderAsync<T>(string uri)
        where T : class, IComponent
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        var page = Render<T>();
        await page.WaitForStateAsync(() => page.FindAll("[data-testid='scope-unit'], [data-testid='no-unit'], [data-testid='not-in-quarter']").Count > 0, TimeSpan.FromSeconds(10));
        return page;
    }

    private static string Text<T>(IRenderedComponent<T> page, string testId)
        where T : class, IComponent =>
        page.Find($"[data-testid='{testId}']").TextContent.Trim();

    private static ApexChart Chart<T>(IRenderedComponent<T> page, ChartKind kind, int index = 0)
        where T : class, IComponent =>
        page.FindComponents<ApexChart>().Where(c => c.Instance.Kind == kind).ElementAt(index).Instance;

    /// <summary>Tiểu Cần's quarterly secretaries' conference: adopted by Tiểu Cần (1 of 2 upper committees) in 2024-Q4.</summary>
    private async Task AddPracticeAsync(string code = "D01", string name = "Hội nghị giao ban bí thư chi bộ ấp, khóm hằng quý", bool adoptedInTieuCan = true)
    {
        await using (var db = await _db.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var source = new FactSource { Kind = FactSourceKind.Seed, Label = "Dữ liệu kiểm thử", CreatedAt = DateTimeOffset.UnixEpoch };
            db.FactSources.Add(source);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            db.Practices.Add(new Practice
            {
                Code = code,
                Name = name,
                NameEn = "Quarterly conference of hamlet cell secretaries",
                Description = "Đảng bộ huyện Tiểu Cần tổ chức Hội nghị giao ban bí thư chi bộ ấp, khóm mỗi quý 01 lần.",
                OriginUnitId = await db.Units.Where(u => u.Code == "TC").Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken),
                OriginDate = new DateOnly(2021, 1, 20),
                Target = PracticeTarget.UpperCommittees,
                SourceId = source.Id,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var key = MetricKeys.PracticeCoverage(code);
        var adopted = adoptedInTieuCan ? 1 : 0;
        await StoreAsync(Q4, ("TV", key, adopted, 2, false), ("TC", key, adopted, 1, false));
        await StoreAsync(Q3, ("TV", key, 0, 2, false), ("TC", key, 0, 1, false));
    }

    private async Task StoreAsync(Quarter quarter, params (string Code, string Key, double Numerator, double Denominator, bool Suppressed)[] rows)
    {
        await using var db = await _db.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var ids = await db.Units.ToDictionaryAsync(u => u.Code, u => u.Id, TestContext.Current.CancellationToken);
        var existing = await db.Metrics.Where(m => m.QuarterKey == quarter.Key).ToListAsync(TestContext.Current.CancellationToken);
        foreach (var row in rows)
        {
            // Replaces what the recompute of the small province stored (e.g. a response rate of 0).
            db.Metrics.RemoveRange(existing.Where(m => m.UnitId == ids[row.Code] && m.Key == row.Key));
            db.Metrics.Add(new MetricValue
            {
                QuarterKey = quarter.Key, UnitId = ids[row.Code], Key = row.Key,
                Numerator = row.Numerator, Denominator = row.Denominator, Suppressed = row.Suppressed,
            });
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
