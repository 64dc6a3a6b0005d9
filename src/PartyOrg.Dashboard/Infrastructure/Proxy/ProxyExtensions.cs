using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace PartyOrg.Dashboard.Infrastructure.Proxy;

/// <summary>
/// Behind a reverse proxy (deploy/nginx), the client's address and scheme come from <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c>, believed from the addresses of <c>Proxy:TrustedAddresses</c> only: anyone else could
/// claim any address.
/// </summary>
public static class ProxyExtensions
{
    public static IServiceCollection AddTrustedProxy(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>()
            .BindConfiguration(ProxyOptions.Section)
            .Validate(o => !o.Invalid().Any(), "Proxy:TrustedAddresses holds an entry that is neither an IP address nor a network (10.0.0.0/24).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ProxyOptions>>((o, proxy) =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                // The defaults trust loopback; only what the operator names is trusted.
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                foreach (var network in proxy.Value.Networks())
                {
                    o.KnownIPNetworks.Add(network);
                }
            });
        return services;
    }

    /// <summary>First in the pipeline, so that everything after it (sign-in, antiforgery, logs) sees the client.</summary>
    public static WebApplication UseTrustedProxy(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.TrustedAddresses.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
