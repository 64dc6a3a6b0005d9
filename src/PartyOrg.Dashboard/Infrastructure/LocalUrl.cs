using Microsoft.AspNetCore.Http.HttpResults;

namespace PartyOrg.Dashboard.Infrastructure;

/// <summary>Where the app may send a user back to after a sign-in or a language switch: a path of this site.</summary>
public static class LocalUrl
{
    /// <summary>
    /// <paramref name="uri"/> when it is a path of this site, otherwise <c>/</c>: never another host (<c>//x</c>,
    /// <c>/\x</c>), and no control character or white space (<c>/%09/x</c> decodes to a tab, which browsers drop,
    /// making it <c>//x</c>; ASP.NET's local redirect throws on it).
    /// </summary>
    public static string OrRoot(string? uri) =>
        RedirectHttpResult.IsLocalUrl(uri) && !uri.Any(char.IsWhiteSpace) ? uri : "/";
}
