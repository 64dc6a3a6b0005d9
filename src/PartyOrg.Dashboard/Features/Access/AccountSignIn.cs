using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace PartyOrg.Dashboard.Features.Access;

/// <summary>
/// Sign-out: it changes the user's security stamp, which ends every session of theirs
/// (<see cref="SessionOptions"/>), not only this browser's.
/// </summary>
public sealed class AccountSignIn(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users)
{
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
