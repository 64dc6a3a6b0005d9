using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Components.Layout;

public partial class UserMenu
{
    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    /// <summary>The display name given at account creation, else the sign-in name (the e-mail).</summary>
    private static string DisplayName(ClaimsPrincipal user) =>
        user.FindFirstValue("name") is { Length: > 0 } name ? name : user.Identity?.Name ?? string.Empty;

    /// <summary>The user's highest role, in words.</summary>
    private string RoleLabel(ClaimsPrincipal user) =>
        Roles.All.FirstOrDefault(user.IsInRole) is { } role ? L["Role" + role] : L["RoleNone"];
}
