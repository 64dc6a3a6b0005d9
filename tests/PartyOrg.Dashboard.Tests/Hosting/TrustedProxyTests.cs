using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Hosting;

/// <summary>Forwarded headers are believed from the configured proxies only (the cluster tests show it through nginx).</summary>
public sealed class TrustedProxyTests
{
    [Fact]
    public async Task TrustedAddresses_AreTheOnlyKnownNetworks()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string>
        {
            ["Proxy:TrustedAddresses:0"] = "10.1.2.3",
            ["Proxy:TrustedAddresses:1"] = "192.168.7.0/24",
        });

        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Empty(options.KnownProxies);
        Assert.Equal(["10.1.2.3/32", "192.168.7.0/24"], options.KnownIPNetworks.Select(n => n.ToString()));
    }

    [Fact]
    public async Task TrustedAddresses_WithAHostName_StopTheStart()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string> { ["Proxy:TrustedAddresses:0"] = "nginx.internal" });

        var failure = Assert.Throws<OptionsValidationException>(() => app.Server);

        Assert.Contains("Proxy:TrustedAddresses", failure.Message, StringComparison.Ordinal);
    }
}
