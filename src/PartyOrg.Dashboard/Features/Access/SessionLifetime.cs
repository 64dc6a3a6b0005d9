using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PartyOrg.Dashboard.Features.Access;

/// <summary>
/// The sign-in cookie's life: sliding <see cref="SessionOptions.IdleTimeout"/>, an absolute
/// <see cref="SessionOptions.AbsoluteLifetime"/> counted from the sign-in (kept in the ticket's properties, so
/// renewals do not reset it), and the security stamp checked every <see cref="SessionOptions.ValidationInterval"/>.
/// </summary>
internal static class SessionLifetime
{
    /// <summary>The ticket property holding the instant of the password sign-in (round-trip format).</summary>
    public const string SignedInAtItem = ".partyorg.signedInAt";

    public static void Configure(CookieAuthenticationOptions cookie, SessionOptions session, TimeProvider time)
    {
        cookie.TimeProvider = time;
        cookie.SlidingExpiration = true;
        cookie.ExpireTimeSpan = session.IdleTimeout;
        cookie.Events.OnSigningIn = context =>
        {
            context.Properties.Items[SignedInAtItem] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            if (IsPastAbsoluteLifetime(context.Properties, session, time))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            await SecurityStampValidator.ValidatePrincipalAsync(context);
        };
    }

    /// <summary>A ticket without the sign-in instant (issued before this rule) counts as signed in when issued.</summary>
    public static bool IsPastAbsoluteLifetime(AuthenticationProperties properties, SessionOptions session, TimeProvider time)
    {
        var signedIn = properties.Items.TryGetValue(SignedInAtItem, out var text)
            && DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                ? at
                : properties.IssuedUtc;
        return signedIn is null || time.GetUtcNow() - signedIn.Value >= session.AbsoluteLifetime;
    }
}

/// <summary>
/// An open page (Blazor circuit) keeps the principal it connected with; this re-checks that principal's
/// security stamp every <see cref="SessionOptions.ValidationInterval"/>, so a sign-out elsewhere, a new
/// password, another role or a disabled account also ends the pages already open (the Blazor template's
/// <c>IdentityRevalidatingAuthenticationStateProvider</c>).
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<SessionOptions> session)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => session.Value.ValidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsCurrentAsync(authenticationState.User);

    /// <summary>The same check as the cookie's: the user still exists and their stamp has not changed.</summary>
    internal async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        return await signIn.ValidateSecurityStampAsync(principal) is not null;
    }
}
