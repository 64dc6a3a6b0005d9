using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Forms;

/// <summary>
/// Who may write through the forms, and the organisation tree as it stood on one day (not a quarter's
/// end: a meeting or an adoption is judged against the units of its own date). The save services ask
/// this themselves; what the page showed is never trusted.
/// </summary>
public static class FormAccess
{
    /// <summary>Roles that may enter and correct meetings (a DistrictEditor only within their scope on the meeting's date, ADR-005).</summary>
    public const string MeetingEditorRoles = $"{Roles.Admin},{Roles.OrgBoard},{Roles.DistrictEditor}";

    /// <summary>Roles that edit the practices catalogue and record adoptions (province-wide).</summary>
    public const string CatalogueEditorRoles = $"{Roles.Admin},{Roles.OrgBoard}";

    public static bool CanEditMeetings(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.OrgBoard)
        || (user.IsInRole(Roles.DistrictEditor) && UserScope.For(user).UnitCode is not null);

    public static bool CanEditCatalogue(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.OrgBoard);

    /// <summary>The name written in provenance and the audit log: the user's e-mail (their user name).</summary>
    public static string Actor(ClaimsPrincipal user) =>
        user.Identity?.Name is { Length: > 0 } name ? name : user.FindFirstValue(ClaimTypes.Email) ?? "unknown";

    /// <summary>The units valid on <paramref name="date"/>, with the version of that day.</summary>
    public static Task<OrgTree> TreeOnAsync(AppDbContext db, DateOnly date, CancellationToken cancellationToken) =>
        OrgTreeService.ReadTreeOnAsync(db, date, cancellationToken);

    /// <summary>The first quarter that has data, or <paramref name="fallback"/> when it is earlier (or none has data).</summary>
    public static async Task<Quarter> FirstQuarterWithDataAsync(AppDbContext db, Quarter fallback, CancellationToken cancellationToken)
    {
        var first = await db.QuarterStates.MinAsync(s => (int?)s.QuarterKey, cancellationToken);
        return first is { } key && Quarter.FromKey(key) < fallback ? Quarter.FromKey(key) : fallback;
    }
}
