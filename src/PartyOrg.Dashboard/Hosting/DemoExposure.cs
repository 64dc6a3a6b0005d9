using System.Net;
using Microsoft.AspNetCore.Http;

namespace PartyOrg.Dashboard.Hosting;

/// <summary>
/// Demo data comes with demo accounts whose password is published, Admin included: such a database is served on
/// loopback only (127.0.0.1, ::1, localhost) unless the operator says otherwise with <c>--allow-demo-on-network</c>.
/// </summary>
public static class DemoExposure
{
    /// <summary>The addresses the server is told to listen on: <c>urls</c>, <c>http_ports</c>/<c>https_ports</c> (every interface) and Kestrel's endpoints.</summary>
    public static IReadOnlyList<string> ConfiguredUrls(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = new List<string>();
        urls.AddRange(Split(configuration["urls"]));
        foreach (var (key, scheme) in new[] { ("http_ports", "http"), ("https_ports", "https") })
        {
            urls.AddRange(Split(configuration[key]).Select(port => $"{scheme}://*:{port}"));
        }

        urls.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return urls;
    }

    /// <summary>Whether <paramref name="url"/> is reachable from this machine only (a loopback address, <c>localhost</c>, a Unix socket).</summary>
    public static bool IsLoopback(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return false;
        }

        if (address.IsUnixPipe)
        {
            return true;
        }

        var host = address.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>The one-line refusal when a demo database would be served beyond loopback, or null.</summary>
    public static string? Refusal(IEnumerable<string> urls, bool demo, bool allowed)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var exposed = urls.Where(u => !IsLoopback(u)).ToList();
        return !demo || allowed || exposed.Count == 0
            ? null
            : $"refusing to serve demo data (demo accounts with the password published in the README, Admin included) on {string.Join(", ", exposed)}: "
                + "serve on loopback (--urls http://127.0.0.1:5000), start on a new data directory with --no-demo, "
                + "or pass --allow-demo-on-network (PartyOrg:AllowDemoOnNetwork=true) if you mean it";
    }

    private static string[] Split(string? value) =>
        (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
