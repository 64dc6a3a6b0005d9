using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Health;

/// <summary>
/// <c>/healthz</c>: the status for anyone (the end-to-end harness and load balancers poll it), the database path,
/// unit count and job storage for signed-in Admins only.
/// </summary>
public sealed class HealthEndpointsTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _ = _app.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Anonymous_GetsTheStatusOnly()
    {
        var response = await _app.CreateBrowserlessClient().GetAsync("/healthz", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"Healthy"}""", body);
        Assert.DoesNotContain(_app.DataDirectory, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.OrgBoard)]
    [InlineData(Roles.StandingCommittee)]
    public async Task SignedInNonAdmins_GetTheStatusOnly(string role)
    {
        var body = await HealthAsync(await _app.CreateUserWithTokenAsync($"{role}@test.vn".ToLowerInvariant(), role));

        Assert.Equal("""{"status":"Healthy"}""", body);
    }

    [Fact]
    public async Task Admins_GetEachCheckWithItsDetails()
    {
        var body = await HealthAsync(await _app.CreateUserWithTokenAsync("admin@test.vn", Roles.Admin));

        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Contains(_app.DataDirectory, checks.GetProperty("database").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("servers", checks.GetProperty("jobs").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> HealthAsync(string token)
    {
        var client = _app.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.GetAsync("/healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
