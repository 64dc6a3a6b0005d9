using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace PartyOrg.Dashboard.Features.Access;

/// <summary>What the enrolment page shows: the shared key to type into an authenticator app, and its otpauth URI.</summary>
public sealed record AuthenticatorSetup(bool Enabled, string SharedKey, string AuthenticatorUri, int RecoveryCodesLeft);

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238, as ASP.NET Core Identity implements it) and
/// one-time recovery codes. A user enrols on <c>/account/two-factor</c>; from then on the password leads to a
/// second step (<see cref="AccountSignIn.SignInWithCodeAsync"/>).
/// </summary>
public sealed class TwoFactor(UserManager<AppUser> users, SignInManager<AppUser> signIn)
{
    public const string Issuer = "PartyOrg.Dashboard";

    public const int RecoveryCodeCount = 10;

    public async Task<AuthenticatorSetup> GetSetupAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal) ?? throw new AccessException("no such user");
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new AccessException("no authenticator key");
        }

        var email = user.Email ?? user.UserName ?? user.Id;
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
        return new AuthenticatorSetup(user.TwoFactorEnabled, Grouped(key), uri, await users.CountRecoveryCodesAsync(user));
    }

    /// <summary>Turns two-factor sign-in on once the app shows a right code.</summary>
    /// <returns>The recovery codes, shown once; null when the code is wrong.</returns>
    public async Task<IReadOnlyList<string>?> EnableAsync(ClaimsPrincipal principal, string code)
    {
        var user = await users.GetUserAsync(principal) ?? throw new AccessException("no such user");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(code)))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];

        // Enabling changed the security stamp, which ends the user's other sessions; this one is renewed.
        await signIn.RefreshSignInAsync(user);
        return codes;
    }

    /// <summary>A code as typed: spaces and dashes of an authenticator code dropped.</summary>
    public static string Normalize(string code) => code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);

    /// <summary>An authenticator code is 6 digits; anything else is taken as a recovery code.</summary>
    public static bool IsAuthenticatorCode(string code) => Normalize(code) is { Length: 6 } c && c.All(char.IsAsciiDigit);

    private static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}
