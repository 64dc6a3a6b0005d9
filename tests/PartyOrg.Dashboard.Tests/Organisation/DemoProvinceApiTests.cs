using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Organisation;

/// <summary>The app as a user starts it: first start seeds the demo province, served over the API.</summary>
public sealed class SeededAppFixture : IAsyncLifetime
{
    public AppFactory App { get; } = new(seedDemo: true);

    public HttpClient Analyst { get; private set; } = default!;

    public HttpClient Editor { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        _ = App.Server; // starts the host: migrations and the demo seed run here
        Analyst = await ClientAsync("analyst@test.vn", Roles.OrgBoard, null);
        Editor = await ClientAsync("editor@test.vn", Roles.DistrictEditor, "TC");
    }

    private async Task<HttpClient> ClientAsync(string email, string role, string? scope)
    {
        var client = App.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await App.CreateUserWithTokenAsync(email, role, scope));
        return client;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>The test classes that share one seeded app (seeding the demo province takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class SeededAppGroup : ICollectionFixture<SeededAppFixture>
{
    public const string Name = "Seeded demo app";
}

[Collection(SeededAppGroup.Name)]
public sealed class DemoProvinceApiTests(SeededAppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2021-Q1")]
    [InlineData("2024-Q4")]
    public async Task Structure_OfTheProvince_IsTheArticlesTable(string quarter)
    {
        var s = await fixture.Analyst.GetFromJsonAsync<StructureDto>($"/api/v1/units/TV/structure?quarter={quarter}", Ct);

        Assert.NotNull(s);
        Assert.Equal("Đảng bộ tỉnh Trà Vinh", s.Unit.Name);
        Assert.Equal(13, s.ByKind["upperCommittee"]);
        Assert.Equal(197, s.ByKind["grassrootsCommittee"]);
        Assert.Equal(306, s.ByKind["grassrootsCell"]);
        Assert.Equal(1999, s.ByKind["cell"]);
        Assert.Equal(45622, s.Members);
        Assert.Equal(6034, s.Exempt);
        Assert.Equal(45622 - 6034, s.Eligible);
        Assert.Equal(106, s.CommuneLevel);
        Assert.Equal(85, Count(s, "grassrootsCommittee", "commune"));
        Assert.Equal(11, Count(s, "grassrootsCommittee", "ward"));
        Assert.Equal(10, Count(s, "grassrootsCommittee", "township"));
        Assert.Equal(9, Count(s, "upperCommittee", "district"));
    }

    [Fact]
    public async Task Structure_ViaTheService_IsTheArticlesTable()
    {
        var structures = fixture.App.Services.GetRequiredService<StructureService>();

        var s = await structures.GetStructureAsync("TV", new Quarter(2024, 4), Ct);

        Assert.NotNull(s);
        Assert.Equal(45622, s.Members);
        Assert.Equal(503, s.CountOf(UnitKind.GrassrootsCommittee) + s.CountOf(UnitKind.GrassrootsCell));
    }

    [Fact]
    public async Task Tree_Of2024Q4_HasNineDistrictsUnderTheProvince()
    {
        var children = await fixture.Analyst.GetFromJsonAsync<List<UnitDto>>("/api/v1/units?quarter=2024-Q4&parent=TV", Ct);

        Assert.NotNull(children);
        Assert.Equal(9, children.Count(c => c.Sector == "district"));
        Assert.Contains(children, c => c.ShortName == "Tiểu Cần");
        Assert.All(children, c => Assert.Equal("TV", c.ParentCode));
    }

    [Fact]
    public async Task Tree_Of2025Q3_HasCommuneCommitteesDirectlyUnderTheProvince()
    {
        var children = await fixture.Analyst.GetFromJsonAsync<List<UnitDto>>("/api/v1/units?quarter=2025-Q3&parent=TV", Ct);

        Assert.NotNull(children);
        Assert.DoesNotContain(children, c => c.Sector == "district");
        Assert.Equal(35, children.Count(c => c.Kind == "grassrootsCommittee" && c.Sector == "commune"));
        Assert.Equal(6, children.Count(c => c.Kind == "grassrootsCommittee" && c.Sector == "ward"));
    }

    [Fact]
    public async Task EveryCommuneOf2024_HasALineagePathToAUnitOf2025Q3()
    {
        var trees = fixture.App.Services.GetRequiredService<OrgTreeService>();
        var before = await trees.GetTreeAsync(new Quarter(2024, 4), Ct);
        var after = await trees.GetTreeAsync(new Quarter(2025, 3), Ct);
        var communes = before.All.Where(n => n.Kind == UnitKind.GrassrootsCommittee && n.Sector.IsCommuneLevel()).ToList();

        Assert.Equal(106, communes.Count);
        foreach (var commune in communes)
        {
            var code = commune.Code;
            for (var hops = 0; after.Find(code) is null; hops++)
            {
                Assert.True(hops < 5, $"{commune.Code} has no lineage path to a unit of 2025-Q3");
                var links = await trees.GetLineageAsync(code, Ct);
                var next = links.LastOrDefault(l => l.PredecessorCode == code && l.SuccessorCode is not null);
                Assert.True(next is not null, $"{code} ({commune.Name}) ends without a successor");
                code = next.SuccessorCode!;
            }
        }
    }

    [Fact]
    public async Task DistrictEditor_SeesOnlyTheirSubtree()
    {
        var own = await fixture.Editor.GetAsync("/api/v1/units/TC/structure?quarter=2024-Q4", Ct);
        var other = await fixture.Editor.GetAsync("/api/v1/units/CL/structure?quarter=2024-Q4", Ct);
        var province = await fixture.Editor.GetAsync("/api/v1/units/TV/structure?quarter=2024-Q4", Ct);
        var units = await fixture.Editor.GetFromJsonAsync<List<UnitDto>>("/api/v1/units?quarter=2024-Q4", Ct);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, province.StatusCode);
        Assert.NotNull(units);
        Assert.Equal("TC", units[0].Code);
        Assert.DoesNotContain(units, u => u.Code == "CL");
    }

    [Theory]
    [InlineData("/api/v1/units?quarter=2024-Q9", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/units/NOPE/structure?quarter=2024-Q4", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/units/TC/structure?quarter=2025-Q3", HttpStatusCode.NotFound)]
    public async Task BadRequests_AreExplained(string path, HttpStatusCode expected)
    {
        var response = await fixture.Analyst.GetAsync(path, Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Metrics_OfTheProvince_AreComputedOnFirstStart_AndFresh()
    {
        var m = await fixture.Analyst.GetFromJsonAsync<UnitMetricsDto>("/api/v1/units/TV/metrics?quarter=2024-Q4", Ct);

        Assert.NotNull(m);
        Assert.Equal("2024-Q4", m.Quarter);
        Assert.False(m.Stale);
        Assert.NotNull(m.ComputedAt);
        Assert.Equal(45622, m.Metrics[MetricKeys.MembersTotal].Value);
        Assert.Equal(6034, m.Metrics[MetricKeys.MembersExempt].Value);
        Assert.Equal(13, m.Metrics[MetricKeys.UpperCommittees].Value); // 9 district-level + 4 others
        Assert.Equal(1999, m.Metrics[MetricKeys.SubordinateCells].Value);
        Assert.InRange(m.Metrics[MetricKeys.AttendanceRate].Value!.Value, 0.5, 1.0);
        Assert.Contains(m.Metrics.Keys, k => k.StartsWith(MetricKeys.PracticeCoveragePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_FilteredByKeys_ReturnOnlyThose()
    {
        var m = await fixture.Analyst.GetFromJsonAsync<UnitMetricsDto>("/api/v1/units/TC/metrics?quarter=2024-Q4&keys=members.total,attendance.rate", Ct);

        Assert.NotNull(m);
        Assert.Equal(["attendance.rate", "members.total"], m.Metrics.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Metrics_WithAnUnknownKey_Is400NamingIt()
    {
        var response = await fixture.Analyst.GetAsync("/api/v1/units/TV/metrics?quarter=2024-Q4&keys=members.total,members.happiness", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("members.happiness", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OfACellWithFewerThanFiveResponses_AreSuppressed()
    {
        string code;
        await using (var db = fixture.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            code = await (
                from m in db.Metrics
                where m.QuarterKey == 20244 && m.Key == MetricKeys.SurveyIndex && m.Suppressed
                join u in db.Units on m.UnitId equals u.Id
                orderby u.Code
                select u.Code).FirstAsync(Ct);
        }

        var metrics = await fixture.Analyst.GetFromJsonAsync<UnitMetricsDto>($"/api/v1/units/{code}/metrics?quarter=2024-Q4", Ct);

        Assert.NotNull(metrics);
        Assert.True(metrics.Metrics[MetricKeys.SurveyIndex].Suppressed);
        Assert.Null(metrics.Metrics[MetricKeys.SurveyIndex].Value);
        Assert.Null(metrics.Metrics[MetricKeys.SurveyIndex].Numerator);
        Assert.InRange(metrics.Metrics[MetricKeys.SurveyResponses].Value!.Value, 0, 4);
    }

    [Fact]
    public async Task Series_GivesOnePointPerQuarter()
    {
        var s = await fixture.Analyst.GetFromJsonAsync<MetricSeriesDto>("/api/v1/units/TV/metrics/series?key=members.total&from=2024-Q1&to=2024-Q4", Ct);

        Assert.NotNull(s);
        Assert.Equal(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"], s.Points.Select(p => p.Quarter));
        Assert.All(s.Points, p => Assert.Equal(45622, p.Value));
    }

    [Fact]
    public async Task Series_OfADistrict_EndsWithTheDistrictLevel()
    {
        var s = await fixture.Analyst.GetFromJsonAsync<MetricSeriesDto>("/api/v1/units/TC/metrics/series?key=members.total&from=2025-Q1&to=2025-Q4", Ct);

        Assert.NotNull(s);
        Assert.NotNull(s.Points[0].Value);
        Assert.NotNull(s.Points[1].Value);
        Assert.Null(s.Points[2].Value); // dissolved on 01/07/2025
        Assert.Null(s.Points[3].Value);
    }

    [Fact]
    public async Task Metrics_OutsideADistrictEditorsScope_AreNotFound()
    {
        var own = await fixture.Editor.GetAsync("/api/v1/units/TC/metrics?quarter=2024-Q4", Ct);
        var other = await fixture.Editor.GetAsync("/api/v1/units/CL/metrics?quarter=2024-Q4", Ct);
        var series = await fixture.Editor.GetAsync("/api/v1/units/TV/metrics/series?key=members.total", Ct);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, series.StatusCode);
    }

    [Fact]
    public void NightlyRecompute_IsScheduledInVietnamTime()
    {
        using var connection = fixture.App.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = connection.GetRecurringJobs().Single(j => j.Id == AggregateJobs.NightlyJobId);

        Assert.Equal(AggregateJobs.NightlyCron, job.Cron);
        Assert.Equal("Asia/Ho_Chi_Minh", job.TimeZoneId);
    }

    private static int Count(StructureDto s, string kind, string sector) =>
        s.Descendants.Where(d => d.Kind == kind && d.Sector == sector).Sum(d => d.Count);
}
