using System.Net;
using System.Text.RegularExpressions;

namespace PartyOrg.Dashboard.Tests.Infrastructure;

/// <summary>
/// Signs in as a browser does, through the static sign-in form with its antiforgery token, with cookies kept in a jar
/// the test owns: so that the cookie one server issued can be shown to another.
/// </summary>
public static partial class FormSignIn
{
    public const string CookieName = "partyorg.auth";

    /// <summary>GET /account/login, POST the form; returns the jar holding the sign-in cookie (asserted present).</summary>
    public static async Task<CookieContainer> SignInAsync(HttpClient client, Uri server, string email, string password, CancellationToken cancellationToken)
    {
        var jar = new CookieContainer();
        var login = new Uri(server, "/account/login");
        var page = await SendAsync(client, jar, new HttpRequestMessage(HttpMethod.Get, login), cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET /account/login answered {(int)page.StatusCode}");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        foreach (Match hidden in HiddenInput().Matches(html))
        {
            fields[WebUtility.HtmlDecode(hidden.Groups["name"].Value)] = WebUtility.HtmlDecode(hidden.Groups["value"].Value);
        }

        Assert.True(fields.ContainsKey("__RequestVerificationToken"), "the sign-in form carries no antiforgery token");
        var post = await SendAsync(client, jar, new HttpRequestMessage(HttpMethod.Post, login) { Content = new FormUrlEncodedContent(fields) }, cancellationToken);
        Assert.True(post.StatusCode == HttpStatusCode.Redirect, $"POST /account/login answered {(int)post.StatusCode}, not a redirect: the sign-in failed");
        Assert.True(jar.GetCookies(server)[CookieName] is not null, "no sign-in cookie after the form was posted");
        return jar;
    }

    /// <summary>Sends with the jar's cookies for the request's address, and keeps the cookies the answer sets.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, CookieContainer jar, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var header = jar.GetCookieHeader(uri);
        if (header.Length > 0)
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await client.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                jar.SetCookies(uri, cookie);
            }
        }

        return response;
    }

    /// <summary>The sign-in cookie of <paramref name="jar"/> presented to <paramref name="server"/>: the jar scopes cookies by host, a browser behind one name would not.</summary>
    public static CookieContainer CopyTo(CookieContainer jar, Uri from, Uri server)
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in jar.GetCookies(from))
        {
            copy.Add(server, new Cookie(cookie.Name, cookie.Value, "/"));
        }

        return copy;
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex HiddenInput();
}
