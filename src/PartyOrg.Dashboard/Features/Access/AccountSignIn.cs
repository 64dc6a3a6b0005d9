using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PartyOrg.Dashboard.Features.Access;

/// <summary>The outcome of a sign-in attempt; a failure never says whether the account exists.</summary>
public sealed record SignInOutcome(bool Succeeded, TimeSpan? RetryAfter, bool RequiresTwoFactor = false)
{
    public static SignInOutcome Success { get; } = new(true, null);

    public static SignInOutcome Failure { get; } = new(false, null);

    /// <summary>The password was right and the user has two-factor sign-in: the code comes next.</summary>
    public static SignInOutcome SecondStep { get; } = new(false, null, true);
}

/// <summary>
/// Password sign-in and sign-out. Unknown, disabled and existing accounts with a wrong password get the same
/// answer after the same work (a password hash is always verified); failures are throttled per account
/// (<see cref="ThrottleOptions"/>) instead of locking the account. Sign-out changes the user's security stamp,
/// which ends every session of theirs (<see cref="SessionOptions"/>).
/// </summary>
public sealed class AccountSignIn(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    FailureThrottle throttle,
    IOptions<ThrottleOptions> options)
{
    /// <summary>A hash of a random password, verified for unknown accounts so that they cost what a known one does.</summary>
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public async Task<SignInOutcome> SignInAsync(string email, string password)
    {
        var o = options.Value;
        var account = "account:" + (users.NormalizeEmail(email.Trim()) ?? string.Empty);
        if (throttle.RetryAfter(account, o.FailuresPerAccount, o.AccountWindow) is { } wait)
        {
            return new SignInOutcome(false, wait);
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, password);
            throttle.RecordFailure(account, o.AccountWindow);
            return SignInOutcome.Failure;
        }

        // No lockout on failure: the per-account throttle replaces it. A disabled user is locked out for good,
        // which Identity answers before checking the password; the dummy check keeps that as slow as the rest.
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.Reset(account);
            return SignInOutcome.Success;
        }

        if (result.RequiresTwoFactor)
        {
            return SignInOutcome.SecondStep;
        }

        if (result.IsLockedOut)
        {
            users.PasswordHasher.VerifyHashedPassword(user, DummyHash.Value, password);
        }

        throttle.RecordFailure(account, o.AccountWindow);
        return SignInOutcome.Failure;
    }

    /// <summary>
    /// The second step: an authenticator code (6 digits) or a recovery code (used up), for the user whose password
    /// was right in this browser (Identity's short-lived two-factor cookie). Failures count against the account's
    /// throttle like wrong passwords.
    /// </summary>
    public async Task<SignInOutcome> SignInWithCodeAsync(string code)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInOutcome.Failure;
        }

        var o = options.Value;
        var account = "account:" + user.NormalizedEmail;
        if (throttle.RetryAfter(account, o.FailuresPerAccount, o.AccountWindow) is { } wait)
        {
            return new SignInOutcome(false, wait);
        }

        var result = TwoFactor.IsAuthenticatorCode(code)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(TwoFactor.Normalize(code), isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code.Trim());
        if (result.Succeeded)
        {
            throttle.Reset(account);
            return SignInOutcome.Success;
        }

        throttle.RecordFailure(account, o.AccountWindow);
        return SignInOutcome.Failure;
    }

    /// <summary>Ends this session and, through a new security stamp, every other session of the user.</summary>
    public async Task SignOutAsync(ClaimsPrincipal principal)
    {
        if (await users.GetUserAsync(principal) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
    }
}
