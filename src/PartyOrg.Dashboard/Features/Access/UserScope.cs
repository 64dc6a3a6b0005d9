using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartyOrg.Dashboard.Features.Organisation;

namespace PartyOrg.Dashboard.Features.Access;

/// <summary>
/// What part of the tree a user may see: the whole province, or the scope assigned as one unit. Which units
/// that stands for on a date (the unit, or its successors or predecessors by lineage) is resolved by
/// <see cref="ScopeResolver"/> alone (ADR-005).
/// </summary>
public sealed record UserScope(bool WholeProvince, string? UnitCode)
{
    public const string ClaimType = "partyorg:scope";

    public static UserScope Province { get; } = new(true, null);

    /// <summary>Nobody: a signed-in user without a role sees nothing.</summary>
    public static UserScope Nothing { get; } = new(false, null);

    public static UserScope For(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.OrgBoard) || user.IsInRole(Roles.StandingCommittee))
        {
            return Province;
        }

        return user.IsInRole(Roles.DistrictEditor) && user.FindFirstValue(ClaimType) is { Length: > 0 } code
            ? new UserScope(false, code)
            : Nothing;
    }
}

/// <summary>Adds the DistrictEditor's scope to the sign-in cookie and token identities.</summary>
internal sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrEmpty(user.ScopeUnitCode))
        {
            identity.AddClaim(new Claim(UserScope.ClaimType, user.ScopeUnitCode));
        }

        if (!string.IsNullOrEmpty(user.DisplayName))
        {
            identity.AddClaim(new Claim("name", user.DisplayName));
        }

        return identity;
    }
}
