using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Organisation;

/// <summary>
/// The one place where a user's scope becomes units of a tree (ADR-005): the whole province, or the
/// subtrees of the units that the assigned unit stands for on the tree's date — itself while it exists,
/// its successors by lineage after it ended, its predecessors before it began.
/// </summary>
public sealed class ScopeResolver(OrgTreeService trees)
{
    /// <summary>The scope in the tree of the end of <paramref name="quarter"/> (dashboards, API, briefings).</summary>
    public async Task<ResolvedScope> ResolveAsync(UserScope scope, Quarter quarter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var tree = await trees.GetTreeAsync(quarter, cancellationToken);
        return await ResolveAsync(scope, tree, tree.Date, cancellationToken);
    }

    /// <summary>The scope in <paramref name="tree"/>, which must be the tree of <paramref name="date"/> (forms read the tree of a day).</summary>
    public async Task<ResolvedScope> ResolveAsync(UserScope scope, OrgTree tree, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(tree);
        if (scope.WholeProvince)
        {
            return new ResolvedScope(tree, true, tree.Roots.Count > 0 ? [tree.Roots[0]] : [], null, null);
        }

        if (scope.UnitCode is not { } code)
        {
            return new ResolvedScope(tree, false, [], null, null);
        }

        var graph = await trees.GetLineageGraphAsync(cancellationToken);
        return ResolvedScope.Of(tree, graph, code, date);
    }

    /// <summary>
    /// The quarters among <paramref name="quarters"/> whose scope holds the unit <paramref name="unitId"/>, in order:
    /// a series or trend returns only these (a quarter outside the scope is absent, not zeroed). The province's
    /// roles hold every quarter.
    /// </summary>
    public async Task<IReadOnlyList<Quarter>> QuartersHoldingAsync(UserScope scope, int unitId, IEnumerable<Quarter> quarters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(quarters);
        return scope.WholeProvince
            ? [.. quarters.Distinct().Order()]
            : [.. (await HoldingAsync(scope, tree => tree.Find(unitId), quarters, cancellationToken)).Select(h => h.Quarter)];
    }

    /// <summary>
    /// The unit <paramref name="find"/> picks in each quarter's tree, for the quarters among <paramref name="quarters"/>
    /// whose scope holds it, oldest first. The scope is resolved quarter by quarter, since a unit moves into and
    /// out of a district's subtree (ADR-005); the trees are read together and the lineage once.
    /// </summary>
    public async Task<IReadOnlyList<(Quarter Quarter, OrgNode Node)>> HoldingAsync(
        UserScope scope, Func<OrgTree, OrgNode?> find, IEnumerable<Quarter> quarters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(find);
        if (!scope.WholeProvince && scope.UnitCode is null)
        {
            return [];
        }

        var graph = scope.WholeProvince ? null : await trees.GetLineageGraphAsync(cancellationToken);
        var held = new List<(Quarter, OrgNode)>();
        foreach (var tree in await trees.GetTreesAsync(quarters, cancellationToken))
        {
            if (find(tree) is { } node && (graph is null || ResolvedScope.Of(tree, graph, scope.UnitCode!, tree.Date).CanSee(node)))
            {
                held.Add((tree.Quarter, node));
            }
        }

        return held;
    }

    /// <summary>The ids of the units the scope code stands for on <paramref name="date"/> (imports check their own tree against them).</summary>
    public async Task<IReadOnlyList<int>> UnitIdsOnAsync(string code, DateOnly date, CancellationToken cancellationToken = default) =>
        (await trees.GetLineageGraphAsync(cancellationToken)).Resolve(code, date)?.UnitIds ?? [];
}

/// <summary>
/// A user's scope in one tree: its root units (each seen with everything below it), and for a
/// DistrictEditor the assigned unit and how the roots were found from it.
/// </summary>
public sealed class ResolvedScope
{
    internal ResolvedScope(OrgTree tree, bool wholeProvince, IReadOnlyList<OrgNode> roots, LineageUnit? assigned, ScopeResolution? resolution)
    {
        Tree = tree;
        WholeProvince = wholeProvince;
        Roots = roots;
        Assigned = assigned;
        Resolution = resolution;
    }

    public OrgTree Tree { get; }

    public bool WholeProvince { get; }

    /// <summary>The top units the user may open, none below another; territorial units first, then by code.</summary>
    public IReadOnlyList<OrgNode> Roots { get; }

    /// <summary>The unit the scope was assigned as (null for the province's roles or an unknown code).</summary>
    public LineageUnit? Assigned { get; }

    public ScopeResolution? Resolution { get; }

    /// <summary>The one root, when the scope has exactly one in this tree (the overview opens it).</summary>
    public OrgNode? SingleRoot => Roots.Count == 1 ? Roots[0] : null;

    /// <summary>Every unit the user may see in this tree, root by root, top down.</summary>
    public IEnumerable<OrgNode> Units => Roots.SelectMany(r => Tree.Subtree(r.Id));

    public bool CanSee(OrgNode node) => RootOf(node) is not null;

    /// <summary>The root whose subtree holds <paramref name="node"/>, or null when it lies outside the scope.</summary>
    public OrgNode? RootOf(OrgNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var root in Roots)
        {
            if (Tree.IsWithin(node.Id, root.Id))
            {
                return root;
            }
        }

        return null;
    }

    internal static ResolvedScope Of(OrgTree tree, LineageGraph graph, string code, DateOnly date)
    {
        if (graph.Resolve(code, date) is not { } lineage)
        {
            return new ResolvedScope(tree, false, [], null, null);
        }

        var found = lineage.UnitIds.Select(tree.Find).OfType<OrgNode>().ToList();
        var roots = found
            .Where(n => !found.Any(other => other.Id != n.Id && tree.IsWithin(n.Id, other.Id)))
            .OrderBy(n => n.Sector == UnitSector.District || n.Sector.IsCommuneLevel() ? 0 : 1)
            .ThenBy(n => n.Code, StringComparer.Ordinal)
            .ToList();
        return new ResolvedScope(tree, false, roots, graph.Find(code), lineage.Resolution);
    }
}
