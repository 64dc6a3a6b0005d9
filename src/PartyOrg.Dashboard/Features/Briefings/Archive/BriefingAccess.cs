using System.Security.Claims;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Briefings.Archive;

/// <summary>
/// Who sees and generates which briefings: the province's roles see every one; a DistrictEditor sees
/// (and may generate) only briefings whose scope unit lies in their unit's subtree in the briefing's
/// quarter; the standing committee reads but does not generate.
/// </summary>
public sealed class BriefingAccess(OrgTreeService trees)
{
    /// <summary>The unit ids of <paramref name="quarter"/>'s tree whose briefings the user may see; null = all.</summary>
    public async Task<IReadOnlySet<int>?> VisibleUnitsAsync(ClaimsPrincipal user, Quarter quarter, CancellationToken cancellationToken)
    {
        var scope = UserScope.For(user);
        if (scope.WholeProvince)
        {
            return null;
        }

        var tree = await trees.GetTreeAsync(quarter, cancellationToken);
        return scope.Root(tree) is { } root ? tree.Subtree(root.Id).Select(n => n.Id).ToHashSet() : new HashSet<int>();
    }

    public async Task<bool> CanSeeAsync(ClaimsPrincipal user, Quarter quarter, int unitId, CancellationToken cancellationToken) =>
        await VisibleUnitsAsync(user, quarter, cancellationToken) is not { } visible || visible.Contains(unitId);

    /// <summary>
    /// The units offered in the page's scope filter for a quarter: the scheduled scopes for the province's
    /// roles, the editor's own unit for a DistrictEditor.
    /// </summary>
    public async Task<(OrgTree Tree, IReadOnlyList<OrgNode> Units)> ScopeChoicesAsync(ClaimsPrincipal user, Quarter quarter, CancellationToken cancellationToken)
    {
        var tree = await trees.GetTreeAsync(quarter, cancellationToken);
        var scope = UserScope.For(user);
        if (scope.WholeProvince)
        {
            return (tree, ScheduledScopes(tree));
        }

        return (tree, scope.Root(tree) is { } root ? [root] : []);
    }

    public static bool MayGenerate(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.OrgBoard) || user.IsInRole(Roles.DistrictEditor);

    /// <summary>Whether the user may generate the briefing of <paramref name="node"/> in <paramref name="tree"/>'s quarter.</summary>
    public static bool CanGenerate(ClaimsPrincipal user, OrgTree tree, OrgNode node) =>
        MayGenerate(user) && UserScope.For(user).CanSee(tree, node);

    /// <summary>What the archive records as the author: the user's e-mail (else their name).</summary>
    public static string RequesterOf(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown";

    /// <summary>
    /// The units a quarter's briefings are generated for: the province and its territorial children in
    /// that quarter's tree (district-level committees before 2025-Q3, commune-level ones after), as the
    /// dashboard charts them.
    /// </summary>
    public static IReadOnlyList<OrgNode> ScheduledScopes(OrgTree tree)
    {
        var province = tree.Roots.FirstOrDefault(r => r.Kind == UnitKind.Province) ?? (tree.Roots.Count > 0 ? tree.Roots[0] : null);
        if (province is null)
        {
            return [];
        }

        return [province, .. tree.Children(province.Id).Where(c => c.Sector == UnitSector.District || c.Sector.IsCommuneLevel())];
    }
}
