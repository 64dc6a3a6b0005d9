using System.Security.Claims;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Briefings.Archive;

/// <summary>
/// Who sees and generates which briefings: the province's roles see every one; a DistrictEditor sees
/// (and may generate) only briefings whose scope unit lies in their scope as resolved for the briefing's
/// quarter (their unit's subtree, or its successors' after it ended; ADR-005); the standing committee reads
/// but does not generate.
/// </summary>
public sealed class BriefingAccess(OrgTreeService trees, ScopeResolver scopes)
{
    /// <summary>The unit ids of <paramref name="quarter"/>'s tree whose briefings the user may see; null = all.</summary>
    public async Task<IReadOnlySet<int>?> VisibleUnitsAsync(ClaimsPrincipal user, Quarter quarter, CancellationToken cancellationToken)
    {
        var scope = UserScope.For(user);
        if (scope.WholeProvince)
        {
            return null;
        }

        var resolved = await scopes.ResolveAsync(scope, quarter, cancellationToken);
        return resolved.Units.Select(n => n.Id).ToHashSet();
    }

    public async Task<bool> CanSeeAsync(ClaimsPrincipal user, Quarter quarter, int unitId, CancellationToken cancellationToken) =>
        await VisibleUnitsAsync(user, quarter, cancellationToken) is not { } visible || visible.Contains(unitId);

    /// <summary>
    /// The units offered in the page's scope filter for a quarter: the scheduled scopes for the province's
    /// roles, the root units of their scope in that quarter for a DistrictEditor (their unit, or the units
    /// that continue it). <see cref="BriefingChoices.Scope"/> answers whether another unit may be chosen.
    /// </summary>
    public async Task<BriefingChoices> ScopeChoicesAsync(ClaimsPrincipal user, Quarter quarter, CancellationToken cancellationToken)
    {
        var tree = await trees.GetTreeAsync(quarter, cancellationToken);
        var scope = await scopes.ResolveAsync(UserScope.For(user), tree, tree.Date, cancellationToken);
        return new BriefingChoices(scope, scope.WholeProvince ? ScheduledScopes(tree) : scope.Roots);
    }

    public static bool MayGenerate(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.OrgBoard) || user.IsInRole(Roles.DistrictEditor);

    /// <summary>Whether the user may generate the briefing of <paramref name="node"/> in the quarter <paramref name="scope"/> was resolved for.</summary>
    public static bool CanGenerate(ClaimsPrincipal user, ResolvedScope scope, OrgNode node) =>
        MayGenerate(user) && scope.CanSee(node);

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

/// <summary>The units offered in the briefings page's scope filter, with the user's scope in that quarter's tree.</summary>
public sealed record BriefingChoices(ResolvedScope Scope, IReadOnlyList<OrgNode> Units)
{
    public OrgTree Tree => Scope.Tree;
}
