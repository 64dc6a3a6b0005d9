using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using PartyOrg.Dashboard.Components;
using PartyOrg.Dashboard.Components.Layout;
using PartyOrg.Dashboard.Components.Localization;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Infrastructure;

namespace PartyOrg.Dashboard.Hosting;

public static class WebUi
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Errors of the API (a parameter that does not bind, an unknown route, an exception) as problem+json.
        services.AddProblemDetails();
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

        // The API answers its errors as problem+json in every environment: never the error page, never a stack trace,
        // never an empty 400 or 404.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase),
            api => api
                .UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ApiProblems.WriteAsync })
                .UseStatusCodePages());

        app.UseRequestLocalization();
        app.UseRateLimiter();
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
            return Results.LocalRedirect(LocalUrl.OrRoot(redirectUri));
        }).AllowAnonymous();

        // Sign-out is a POST from a form carrying the antiforgery token; anything else is refused.
        app.MapPost("/account/logout", async (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, AccountSignIn signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await signIn.SignOutAsync(context.User);
            return Results.LocalRedirect("/account/login");
        });

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
