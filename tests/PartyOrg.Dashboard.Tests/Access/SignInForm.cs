using System.Net;
using System.Text.RegularExpressions;

namespace PartyOrg.Dashboard.Tests.Access;

/// <summary>The sign-in form and sign-out button as a browser uses them: antiforgery token, form post, cookies.</summary>
internal static partial class SignInForm
{
    public const string CookieName = "partyorg.auth";

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password) =>
        PostFormAsync(client, "/account/login", "login", ("Input.Email", email), ("Input.Password", password));

    /// <summary>Posts one of the app's statically rendered forms (<c>FormName</c> = <paramref name="handler"/>).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, params (string Name, string Value)[] fields)
    {
        var token = await AntiforgeryTokenAsync(client);
        var form = new Dictionary<string, string> { ["_handler"] = handler, ["__RequestVerificationToken"] = token };
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
    }

    /// <summary>Signs in and returns the sign-in cookie's value (to replay it from another client).</summary>
    public static async Task<string> SignInAsync(HttpClient client, string email, string password)
    {
        var response = await PostAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return AuthCookie(response) ?? throw new InvalidOperationException("The sign-in set no cookie.");
    }

    public static async Task SignOutAsync(HttpClient client)
    {
        var token = await AntiforgeryTokenAsync(client);
        var response = await client.PostAsync(
            "/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>A client without a cookie jar that sends only the given sign-in cookie: a copied cookie.</summary>
    public static HttpClient Replaying(HttpClient client, string cookie)
    {
        client.DefaultRequestHeaders.Add("Cookie", $"{CookieName}={cookie}");
        return client;
    }

    /// <summary>The text of the form's error line, or null.</summary>
    public static string? Error(string html) =>
        ErrorLine().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static string? AuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal))
                .Select(c => c[(CookieName.Length + 1)..c.IndexOf(';', StringComparison.Ordinal)])
                .LastOrDefault(v => v.Length > 0)
            : null;

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        return WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("data-testid=\"login-error\"[^>]*>([^<]*)<")]
    private static partial Regex ErrorLine();
}
