using System.Net;
using System.Net.Http.Headers;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Access;

/// <summary>Every page and API needs a signed-in user; only health, sign-in and static files are open.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/units/TV")]
    [InlineData("/hangfire")]
    public async Task Pages_WithoutSignIn_RedirectToTheSignInPage(string path)
    {
        var response = await _app.CreateBrowserlessClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/units")]
    [InlineData("/api/v1/units?quarter=2024-Q4&parent=TV")]
    [InlineData("/api/v1/units/TV/structure?quarter=2024-Q4")]
    public async Task Api_WithoutCredentials_Is401(string path)
    {
        var response = await _app.CreateBrowserlessClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_WithAnUnknownBearerToken_Is401()
    {
        var client = _app.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "po_not-a-real-token");

        var response = await client.GetAsync("/api/v1/units", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_WithATokenFromTheCli_Answers()
    {
        var token = await _app.CreateUserWithTokenAsync("analyst@test.vn", Roles.OrgBoard);
        var client = _app.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/v1/units?quarter=2024-Q4", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HangfireDashboard_ForANonAdminToken_IsForbidden()
    {
        var token = await _app.CreateUserWithTokenAsync("reader@test.vn", Roles.StandingCommittee);
        var client = _app.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefused()
    {
        var token = await _app.CreateUserWithTokenAsync("someone@test.vn", Roles.OrgBoard);
        var client = _app.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/account/login")]
    [InlineData("/openapi/v1.json")]
    public async Task OpenEndpoints_AnswerWithoutSignIn(string path)
    {
        var response = await _app.CreateBrowserlessClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheUnitsApi()
    {
        var json = await _app.CreateBrowserlessClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Contains("/api/v1/units/{code}/structure", json, StringComparison.Ordinal);
        Assert.Contains("/api/v1/units", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_IsReadableVietnamese()
    {
        var html = await _app.CreateBrowserlessClient().GetStringAsync("/account/login", TestContext.Current.CancellationToken);

        Assert.Contains("Đăng nhập", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x110;", html, StringComparison.Ordinal);
    }
}
