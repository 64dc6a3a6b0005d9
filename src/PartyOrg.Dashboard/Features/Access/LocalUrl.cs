namespace PartyOrg.Dashboard.Features.Access;

/// <summary>Where the sign-in steps may send the browser afterwards: a path of this app, never another site.</summary>
public static class LocalUrl
{
    public static string OrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
