using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace PartyOrg.Dashboard.Hosting;

/// <summary>Settings of <c>Security:*</c>: whether the app is served over HTTPS (HSTS and redirection).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// The app is reached over HTTPS: plain HTTP is redirected and HSTS is sent. Behind a proxy that ends
    /// TLS, the proxy's forwarded headers must be trusted so that requests are seen as HTTPS.
    /// </summary>
    public bool Https { get; set; }

    /// <summary>The HTTPS port plain HTTP is redirected to, when the server's own addresses do not tell it (443 behind a proxy).</summary>
    [Range(1, 65535)]
    public int? HttpsPort { get; set; }
}

/// <summary>
/// The browser-facing protections, in one place: a strict Content-Security-Policy with a per-request
/// nonce for the one inline script (Blazor's import map), the other response headers, no <c>Server</c>
/// header, cookies marked Secure on HTTPS, HSTS and redirection when served over HTTPS, and redirects that
/// do not repeat the request's Host header.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "PartyOrg.CspNonce";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.AddOptions<Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionOptions>()
            .Configure<IOptions<SecurityOptions>>((o, security) => o.HttpsPort = security.Value.HttpsPort);

        // Secure whenever the request came over HTTPS (the defaults of the antiforgery cookie would send it over HTTP too).
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The cookie handler builds absolute redirect URLs from the request's Host header; the browser
            // needs only the path, so a forged Host never appears in a Location header.
            o.Events.OnRedirectToLogin = WithLocalRedirect(o.Events.OnRedirectToLogin);
            o.Events.OnRedirectToAccessDenied = WithLocalRedirect(o.Events.OnRedirectToAccessDenied);
            o.Events.OnRedirectToLogout = WithLocalRedirect(o.Events.OnRedirectToLogout);
            o.Events.OnRedirectToReturnUrl = WithLocalRedirect(o.Events.OnRedirectToReturnUrl);
        });

        // The OpenAPI document would otherwise name the request's Host as the server; clients use the document's own origin.
        services.Configure<OpenApiOptions>("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers = [];
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>First in the pipeline, so that error pages, static files and the API all carry the headers.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.Https)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.Use((context, next) =>
        {
            // Hex: a valid CSP nonce that HTML writes as is in the attribute.
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                AddHeaders(context, nonce);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>The nonce of this request's Content-Security-Policy, for the one inline script the app renders (the import map).</summary>
    public static string? CspNonce(HttpContext? context) => context?.Items[NonceKey] as string;

    /// <summary>The policy of a page answered with <paramref name="nonce"/>.</summary>
    public static string ContentSecurityPolicy(string nonce) => string.Join("; ",
        "default-src 'self'",
        // Our scripts, Blazor's, MudBlazor's and ApexCharts' are files of this origin; none needs eval. The
        // only inline script is the import map, allowed by this request's nonce.
        $"script-src 'self' 'nonce-{nonce}'",
        // MudBlazor sets style attributes and writes its theme into a <style> element, and ApexCharts adds
        // its stylesheet and styles its tooltips at run time: inline styles are needed. Styles cannot run
        // script; what an injected style could do (restyle the page) is far below what script-src prevents.
        "style-src 'self' 'unsafe-inline'",
        // Charts export PNG/SVG through data: URLs; nothing is loaded from elsewhere.
        "img-src 'self' data:",
        "font-src 'self'",
        // Blazor's WebSocket to the same origin (CSP Level 3 lets 'self' match ws:/wss: of this host) and fetch.
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    private static void AddHeaders(HttpContext context, string nonce)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.Remove("Server");
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            // Answers about units and people are never kept by a browser or a proxy (briefing files included).
            headers.CacheControl = "no-store";
        }
    }

    private static Func<RedirectContext<CookieAuthenticationOptions>, Task> WithLocalRedirect(Func<RedirectContext<CookieAuthenticationOptions>, Task> inner) =>
        context =>
        {
            if (Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var uri)
                && string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
            {
                context.RedirectUri = uri.PathAndQuery + uri.Fragment;
            }

            return inner(context);
        };
}
