using System.Security.Claims;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PartyOrg.Dashboard.Components;
using PartyOrg.Dashboard.Components.Layout;
using PartyOrg.Dashboard.Components.Localization;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.DemoData;

namespace PartyOrg.Dashboard.Components.Tests.Infrastructure;

/// <summary>
/// A bUnit context with what every page of the app has: MudBlazor (its JS calls answered loosely:
/// the layout's drawer and theme only register listeners) with its texts in the UI language, localization from the app's resources,
/// the app's page catalogue and a test authorization state. Each test pins its culture with
/// <c>using var culture = new CultureScope("vi-VN");</c> so that it never depends on the machine's.
/// </summary>
public abstract class ComponentTest : BunitContext
{
    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddMudStrings();
        Services.AddLocalization();
        Services.AddSingleton(PageCatalog.FromAssembly(typeof(App).Assembly));
        Services.AddSingleton(Demo);
        Auth = AddAuthorization();
    }

    /// <summary>Whether the app believes its database holds demo data (off unless a test turns it on).</summary>
    protected DemoMode Demo { get; } = new();

    protected BunitAuthorizationContext Auth { get; }

    /// <summary>Signs a user in with one role, a display name and, for a DistrictEditor, the unit code of their scope.</summary>
    protected void SignIn(string role, string displayName = "Nguyễn Văn A", string? scopeUnitCode = null)
    {
        var claims = new List<Claim> { new("name", displayName) };
        if (scopeUnitCode is not null)
        {
            claims.Add(new Claim(UserScope.ClaimType, scopeUnitCode));
        }

        Auth.SetAuthorized("user@demo.travinh.vn");
        Auth.SetRoles(role);
        Auth.SetClaims([.. claims]);
    }
}
