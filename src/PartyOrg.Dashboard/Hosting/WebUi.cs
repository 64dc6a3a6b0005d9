using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using PartyOrg.Dashboard.Components;
using PartyOrg.Dashboard.Components.Layout;
using PartyOrg.Dashboard.Components.Localization;
using PartyOrg.Dashboard.Features.Access;

namespace PartyOrg.Dashboard.Hosting;

public static class WebUi
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddSecurityHeaders();
        services.AddMudServices();
        services.AddMudStrings();
        services.AddSingleton(PageCatalog.FromAssembly(typeof(App).Assembly));
        services.AddLocalization();
        // Vietnamese in prerendered HTML as readable text, not &#x1EA5; entities.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Vietnamese);
            o.SupportedCultures = [Vietnamese, English];
            o.SupportedUICultures = [Vietnamese, English];
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static WebApplication UseWebUi(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWebUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();

        // Language switch: a cookie and a full reload, so that prerendering and the circuit agree.
        app.MapGet("/culture/set", (string culture, string? redirectUri, HttpContext context) =>
        {
            var chosen = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Vietnamese;
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps });
            return Results.LocalRedirect(SafeLocal(redirectUri));
        }).AllowAnonymous();

        // Sign-out is a POST from a form carrying the antiforgery token; anything else is refused.
        app.MapPost("/account/logout", async (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static string SafeLocal(string? uri) =>
        !string.IsNullOrEmpty(uri) && uri.StartsWith('/') && !uri.StartsWith("//", StringComparison.Ordinal) && !uri.StartsWith("/\\", StringComparison.Ordinal)
            ? uri
            : "/";
}
