using System.Net;

namespace PartyOrg.Dashboard.Infrastructure.Proxy;

/// <summary>The <c>Proxy</c> configuration section: which reverse proxies may tell the app the client's address and scheme.</summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>
    /// Addresses (<c>127.0.0.1</c>) or networks (<c>10.0.0.0/24</c>) of the reverse proxies in front of the app. Only a
    /// request from one of them has its <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> believed; empty (the default):
    /// forwarded headers are ignored, as when the app is reached directly.
    /// </summary>
    public IList<string> TrustedAddresses { get; } = [];

    /// <summary>The entries that are neither an address nor a network (reported at start-up).</summary>
    public IEnumerable<string> Invalid() => TrustedAddresses.Where(a => !TryParse(a, out _));

    /// <summary>Every entry as a network (an address is a network of one).</summary>
    public IReadOnlyList<IPNetwork> Networks() => [.. TrustedAddresses.Select(a => TryParse(a, out var n) ? n : throw new FormatException(a))];

    private static bool TryParse(string value, out IPNetwork network)
    {
        var text = value.Trim();
        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }

        return IPNetwork.TryParse(text, out network);
    }
}
