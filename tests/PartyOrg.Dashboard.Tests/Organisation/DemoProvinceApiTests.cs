using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Features.Access;
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

public sealed class DemoProvinceApiTests(SeededAppFixture fixture) : IClassFixture<SeededAppFixture>
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
    public async Task Structure_ViaTheService_MatchesTheApi()
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

    private static int Count(StructureDto s, string kind, string sector) =>
        s.Descendants.Where(d => d.Kind == kind && d.Sector == sector).Sum(d => d.Count);
}
