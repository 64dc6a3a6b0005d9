using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Dashboard;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Meetings.Entry;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Forms;

namespace PartyOrg.Dashboard.Tests.Organisation;

/// <summary>
/// Tiểu Cần's editor (scope TC) in the app as it runs on the demo province, after the district ended on
/// 01/07/2025 (ADR-005): the units that came out of Tiểu Cần are theirs to read, enter and import; a cell that
/// continues another former district is not.
/// </summary>
[Collection(SeededAppGroup.Name)]
public sealed class ScopeLineageAppTests(SeededAppFixture fixture) : VietnameseTest
{
    private static readonly Quarter Q4of2025 = new(2025, 4);

    private static ClaimsPrincipal TieuCanEditor { get; } = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "tieucan@demo.travinh.vn"), new Claim(ClaimTypes.Role, Roles.DistrictEditor), new Claim(UserScope.ClaimType, "TC")], "test"));

    private static ImportActor TieuCanImporter { get; } = new("tieucan@demo.travinh.vn", true, false, "TC");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Overview_In2025Q4_ListsTheUnitsThatContinueTieuCan()
    {
        var dashboard = fixture.App.Services.GetRequiredService<DashboardService>();

        var answer = await dashboard.GetAsync(TieuCanEditor, null, Q4of2025, null, Ct);

        Assert.Equal(DashboardStatus.SeveralUnits, answer.Status);
        var landing = Assert.IsType<ScopeLanding>(answer.Landing);
        Assert.Equal(("TC", "Đảng bộ huyện Tiểu Cần", ScopeResolution.Successors, new DateOnly(2025, 7, 1)),
            (landing.AssignedCode, landing.AssignedName, landing.Resolution, landing.ChangedOn));
        Assert.Equal(["XA11", "XA12", "XA13", "XA14"], landing.Units.Take(4).Select(u => u.Code));
        Assert.DoesNotContain(landing.Units, u => u.Code == "XA15");
    }

    [Fact]
    public async Task TieuCansOwnPage_In2025Q4_ListsTheUnitsThatContinueIt_WhileTheProvinceSeesItEnded()
    {
        var dashboard = fixture.App.Services.GetRequiredService<DashboardService>();
        var analyst = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bantochuc@demo.travinh.vn"), new Claim(ClaimTypes.Role, Roles.OrgBoard)], "test"));

        var editors = await dashboard.GetAsync(TieuCanEditor, "TC", Q4of2025, null, Ct);
        var analysts = await dashboard.GetAsync(analyst, "TC", Q4of2025, null, Ct);

        Assert.Equal(DashboardStatus.SeveralUnits, editors.Status);
        Assert.Contains(editors.Landing!.Units, u => u.Code == "XA11");
        Assert.Equal(DashboardStatus.NotInQuarter, analysts.Status);
        Assert.Null(analysts.Landing);
    }

    [Fact]
    public async Task ASuccessorCellsPage_In2025Q4_Opens_AndAnotherFormerDistrictsCellIsRefused()
    {
        var dashboard = fixture.App.Services.GetRequiredService<DashboardService>();
        var (own, other) = await CellsAsync();

        var ownPage = await dashboard.GetAsync(TieuCanEditor, own.Code, Q4of2025, null, Ct);
        var otherPage = await dashboard.GetAsync(TieuCanEditor, other.Code, Q4of2025, null, Ct);

        Assert.Equal(DashboardStatus.Found, ownPage.Status);
        Assert.Equal(own.Name, ownPage.Dashboard?.Unit.Name);
        Assert.Equal("XA11", ownPage.Dashboard?.Breadcrumbs[0].Code);
        Assert.Equal(DashboardStatus.OutOfScope, otherPage.Status);
        Assert.Null(otherPage.Dashboard);
    }

    [Fact]
    public async Task CraftedApiRequests_In2025Q4_AnswerForASuccessorCell_AndAre404ForAnotherFormerDistrict()
    {
        var (own, other) = await CellsAsync();

        var ownMetrics = await fixture.Editor.GetAsync($"/api/v1/units/{own.Code}/metrics?quarter=2025-Q4&keys=members.total", Ct);
        var otherMetrics = await fixture.Editor.GetAsync($"/api/v1/units/{other.Code}/metrics?quarter=2025-Q4&keys=members.total", Ct);
        var ownStructure = await fixture.Editor.GetAsync("/api/v1/units/XA11/structure?quarter=2025-Q4", Ct);
        var otherStructure = await fixture.Editor.GetAsync("/api/v1/units/XA15/structure?quarter=2025-Q4", Ct);
        var otherChildren = await fixture.Editor.GetAsync("/api/v1/units?quarter=2025-Q4&parent=XA15", Ct);
        var units = await fixture.Editor.GetFromJsonAsync<List<UnitDto>>("/api/v1/units?quarter=2025-Q4", Ct);

        Assert.Equal(HttpStatusCode.OK, ownMetrics.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherMetrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownStructure.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherStructure.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherChildren.StatusCode);
        Assert.NotNull(units);
        Assert.Contains(units, u => u.Code == own.Code);
        Assert.DoesNotContain(units, u => u.Code == other.Code || u.Code == "XA15" || u.Code == "TV");
    }

    [Fact]
    public async Task MeetingForm_In2025Q4_SavesForASuccessorCell_AndRefusesAnotherFormerDistrictsCell()
    {
        var entry = fixture.App.Services.GetRequiredService<MeetingEntryService>();
        var (own, other) = await CellsAsync();
        var day = await FreeDayAsync(own.Id, MeetingKind.Thematic);

        var offered = await entry.FindCellsAsync(TieuCanEditor, day, null, 5000, Ct);
        var saved = await entry.SaveAsync(TieuCanEditor, null, Meeting(own.Code, day), Ct);
        var refused = await entry.SaveAsync(TieuCanEditor, null, Meeting(other.Code, await FreeDayAsync(other.Id, MeetingKind.Thematic)), Ct);

        Assert.Contains(offered, c => c.Code == own.Code);
        Assert.DoesNotContain(offered, c => c.Code == other.Code);
        Assert.True(saved.Saved, string.Join("; ", saved.Problems.Select(p => p.Message)));
        var problem = Assert.Single(refused.Problems);
        Assert.Equal((nameof(MeetingInput.UnitCode), $"Chi bộ {other.Code} không thuộc phạm vi của bạn vào ngày sinh hoạt."), (problem.Field, problem.Message));
        Assert.Null(refused.MeetingId);
    }

    [Fact]
    public async Task MeetingsImport_In2025Q4_IsAcceptedForASuccessorCell_AndRefusedForAnotherFormerDistrictsCell()
    {
        var imports = fixture.App.Services.GetRequiredService<ImportService>();
        var (_, other) = await CellsAsync();
        var own = await CellUnderAsync("XA12");
        var ownDay = await FreeDayAsync(own.Id, MeetingKind.Thematic);
        var otherDay = await FreeDayAsync(other.Id, MeetingKind.Thematic);

        var accepted = await ImportAsync(imports, Row(own.Code, ownDay));
        var refused = await ImportAsync(imports, Row(other.Code, otherDay));

        Assert.Empty(accepted.AllProblems);
        Assert.Equal((ImportOutcome.Previewed, 1), (accepted.Report.Outcome, accepted.Report.Added));
        var problem = Assert.Single(refused.AllProblems);
        Assert.Equal(("unit_code", "OutOfScope", other.Code), (problem.Column, problem.Code, problem.Value));
        Assert.Equal($"Đơn vị {other.Code} nằm ngoài phạm vi của bạn (TC).", problem.Message);
        Assert.Equal(0, refused.Report.Added);
    }

    private static MeetingInput Meeting(string code, DateOnly day) => new()
    {
        UnitCode = code,
        Date = day,
        Kind = MeetingKind.Thematic,
        Mode = MeetingMode.InPerson,
        DurationMinutes = 120,
        DocumentsAhead = true,
        Expected = 18,
        Present = 16,
        AbsentWithReason = 2,
        Speakers = 4,
        Score = 92,
    };

    private static string Row(string code, DateOnly day) =>
        "unit_code,date,kind,mode,duration_minutes,documents_ahead,upper_level_attended,expected,present,absent_with_reason,absent_without_reason,exempt_attended,speakers,score\n"
        + string.Create(CultureInfo.InvariantCulture, $"{code},{day:dd'/'MM'/'yyyy},thematic,in_person,120,yes,no,18,16,2,0,0,4,90\n");

    private static async Task<ImportResult> ImportAsync(ImportService imports, string csv)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await imports.RunAsync(new ImportRequest("meetings", "tieu-can-2025-q4.csv", stream, TieuCanImporter, DryRun: true), ct: Ct);
    }

    /// <summary>A cell of xã Tiểu Cần (XA11, from Tiểu Cần's communes) and one of xã Châu Thành (XA15, from Châu Thành's) in 2025-Q4.</summary>
    private async Task<(OrgNode Own, OrgNode Other)> CellsAsync() => (await CellUnderAsync("XA11"), await CellUnderAsync("XA15"));

    private async Task<OrgNode> CellUnderAsync(string commune)
    {
        var tree = await fixture.App.Services.GetRequiredService<OrgTreeService>().GetTreeAsync(Q4of2025, Ct);
        return tree.Descendants(tree.Find(commune)!.Id).First(n => n.Kind.HoldsMeetings());
    }

    /// <summary>A day of November 2025 on which the cell has no meeting of that kind (the demo data has monthly meetings).</summary>
    private async Task<DateOnly> FreeDayAsync(int unitId, MeetingKind kind)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var (from, to) = (new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 30));
        var taken = await db.Meetings.Where(m => m.UnitId == unitId && m.Kind == kind && m.Date >= from && m.Date <= to).Select(m => m.Date).ToListAsync(Ct);
        return Enumerable.Range(0, 30).Select(from.AddDays).First(d => !taken.Contains(d));
    }
}
