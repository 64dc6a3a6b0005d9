using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Organisation;

/// <summary>
/// <c>GET /api/v1/units/{code}/metrics/series</c> over HTTP, on the app as it runs, for a cell that moved from D1 to D2
/// on 01/01/2025 (<see cref="MovedCellProvince"/>): each district's editor gets only the quarters the cell was theirs.
/// </summary>
public sealed class SeriesScopeApiTests : IAsyncLifetime
{
    private const string Series = "/api/v1/units/CM/metrics/series?key=members.total&from=2024-Q3&to=2025-Q2";

    private readonly AppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _ = _app.Server;
        var contexts = _app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            await MovedCellProvince.SeedAsync(db, Ct);
        }

        await MovedCellProvince.ComputeAsync(_app.Services, Ct);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData(Roles.DistrictEditor, "D1", new[] { "2024-Q3", "2024-Q4" })]
    [InlineData(Roles.DistrictEditor, "D2", new[] { "2025-Q1", "2025-Q2" })]
    [InlineData(Roles.OrgBoard, null, new[] { "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2" })]
    public async Task Series_AcrossAMove_HoldsOnlyTheCallersQuarters(string role, string? scope, string[] expected)
    {
        var client = await ClientAsync(role, scope);

        var series = await client.GetFromJsonAsync<MetricSeriesDto>(Series, Ct);

        Assert.NotNull(series);
        Assert.Equal(expected, series.Points.Select(p => p.Quarter));
        Assert.Equal(expected.Select(q => (double?)MovedCellProvince.MembersOfMovedCell(PartyOrg.Dashboard.Infrastructure.Time.Quarter.Parse(q))), series.Points.Select(p => p.Value));
    }

    [Theory]
    [InlineData("D1", "from=2025-Q1&to=2025-Q2")]
    [InlineData("D2", "from=2024-Q3&to=2024-Q4")]
    public async Task Series_WhollyOutsideTheScope_Is404LikeThePointEndpoint(string scope, string range)
    {
        var client = await ClientAsync(Roles.DistrictEditor, scope);
        var quarter = range[5..12];

        var series = await client.GetAsync($"/api/v1/units/CM/metrics/series?key=members.total&{range}", Ct);
        var point = await client.GetAsync($"/api/v1/units/CM/metrics?quarter={quarter}&keys=members.total", Ct);

        Assert.Equal(HttpStatusCode.NotFound, series.StatusCode);
        Assert.Equal("application/problem+json", series.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, point.StatusCode);
    }

    private async Task<HttpClient> ClientAsync(string role, string? scope)
    {
        var client = _app.CreateBrowserlessClient();
        var email = $"{role}-{scope ?? "all"}@test.vn".ToLowerInvariant();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _app.CreateUserWithTokenAsync(email, role, scope));
        return client;
    }
}
