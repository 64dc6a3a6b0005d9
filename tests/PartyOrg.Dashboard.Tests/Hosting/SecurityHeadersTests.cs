using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Hosting;

/// <summary>
/// The browser-facing protections of <c>Hosting/SecurityHeaders.cs</c> on the real pipeline: the policy and
/// headers on pages and API answers, the import map as the only inline script (with the policy's nonce),
/// Secure cookies over HTTPS, HSTS and redirection when configured, and a Host header that is never repeated.
/// </summary>
public sealed partial class SecurityHeadersTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Page_CarriesTheStrictPolicyAndTheHeaders()
    {
        var response = await _app.CreateBrowserlessClient().GetAsync("/account/login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Header(response, "Content-Security-Policy");
        var directives = policy.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Matches("^script-src 'self' 'nonce-[0-9a-f]{32}'$", directives["script-src"]);
        Assert.Equal("default-src 'self'", directives["default-src"]);
        Assert.Equal("style-src 'self' 'unsafe-inline'", directives["style-src"]);
        Assert.Equal("img-src 'self' data:", directives["img-src"]);
        Assert.Equal("connect-src 'self'", directives["connect-src"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.Equal("base-uri 'self'", directives["base-uri"]);
        Assert.Equal("form-action 'self'", directives["form-action"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Page_OnlyInlineScriptIsTheImportMapWithThisResponsesNonce()
    {
        var client = _app.CreateBrowserlessClient();
        var first = await client.GetAsync("/account/login", TestContext.Current.CancellationToken);
        var second = await client.GetAsync("/account/login", TestContext.Current.CancellationToken);

        var nonce = Nonce().Match(Header(first, "Content-Security-Policy")).Groups[1].Value;
        Assert.NotEqual(nonce, Nonce().Match(Header(second, "Content-Security-Policy")).Groups[1].Value);
        var html = await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var inline = InlineScript().Matches(html).Select(m => m.Value).ToList();
        var importMap = Assert.Single(inline);
        Assert.Contains("type=\"importmap\"", importMap, StringComparison.Ordinal);
        Assert.Contains($"nonce=\"{nonce}\"", importMap, StringComparison.Ordinal);
        // Nor any inline event handler, which the policy would refuse.
        Assert.DoesNotMatch(OnHandler(), html);
    }

    [Fact]
    public async Task ApiAnswers_AreNotStored()
    {
        var token = await _app.CreateUserWithTokenAsync("analyst@test.vn", Roles.OrgBoard);
        var client = _app.CreateBrowserlessClient();
        var anonymous = await client.GetAsync("/api/v1/units", TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var answer = await client.GetAsync("/api/v1/units?quarter=2024-Q4", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("no-store", answer.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Header(answer, "X-Content-Type-Options"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("no-store", anonymous.Headers.CacheControl?.ToString());
        Assert.False(answer.Headers.Contains("Server"));
    }

    [Fact]
    public void Kestrel_SendsNoServerHeader()
    {
        Assert.False(_app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }

    [Fact]
    public async Task Cookies_AreSecureOverHttpsOnly()
    {
        var cookie = _app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie;
        Assert.Equal(CookieSecurePolicy.SameAsRequest, cookie.SecurePolicy);

        var overHttp = await _app.CreateBrowserlessClient().GetAsync("http://localhost/account/login", TestContext.Current.CancellationToken);
        var overHttps = await _app.CreateBrowserlessClient().GetAsync("https://localhost/account/login", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("secure", AntiforgeryCookie(overHttp), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", AntiforgeryCookie(overHttps), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Redirects_AndTheOpenApiDocument_DoNotRepeatTheHostHeader()
    {
        var client = _app.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Host = "evil.example";

        var redirect = await client.GetAsync("/units/TV", TestContext.Current.CancellationToken);
        var openApi = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/account/login?ReturnUrl=%2Funits%2FTV", redirect.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", openApi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowedHosts_WhenConfigured_RefusesOtherHosts()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string> { ["AllowedHosts"] = "dashboard.example" });
        var client = app.CreateBrowserlessClient();

        client.DefaultRequestHeaders.Host = "evil.example";
        var refused = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Host = "dashboard.example";
        var served = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Https_WhenConfigured_RedirectsPlainHttpAndSendsHsts()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string> { ["Security:Https"] = "true", ["Security:HttpsPort"] = "443" });
        var client = app.CreateBrowserlessClient();

        var plain = await client.GetAsync("http://dashboard.example/account/login", TestContext.Current.CancellationToken);
        var secure = await client.GetAsync("https://dashboard.example/account/login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal("https://dashboard.example/account/login", plain.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=31536000", Header(secure, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_NotConfigured_NeitherRedirectsNorSendsHsts()
    {
        var response = await _app.CreateBrowserlessClient().GetAsync("http://dashboard.example/account/login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"no {name} header");

    private static string AntiforgeryCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();

    /// <summary>A script element without a src attribute.</summary>
    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex OnHandler();
}
