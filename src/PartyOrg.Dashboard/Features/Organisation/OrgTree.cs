using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Organisation;

/// <summary>A unit as it stood at one date: the version valid then, with its parent's code.</summary>
public sealed record OrgNode(
    int Id,
    string Code,
    string Name,
    string ShortName,
    UnitKind Kind,
    UnitSector Sector,
    int? ParentId,
    string? ParentCode);

/// <summary>
/// The organisation tree as it stood at the end of one quarter. Built from the unit versions valid on
/// <see cref="Date"/>; units that did not exist then are not in it.
/// </summary>
public sealed class OrgTree
{
    private static readonly IReadOnlyList<OrgNode> None = [];
    private readonly Dictionary<int, OrgNode> _byId;
    private readonly Dictionary<string, OrgNode> _byCode;
    private readonly Dictionary<int, List<OrgNode>> _children;

    public OrgTree(Quarter quarter, IEnumerable<OrgNode> nodes)
    {
        Quarter = quarter;
        _byId = nodes.ToDictionary(n => n.Id);
        _byCode = _byId.Values.ToDictionary(n => n.Code, StringComparer.OrdinalIgnoreCase);
        _children = [];
        var roots = new List<OrgNode>();
        foreach (var node in _byId.Values.OrderBy(n => n.Code, StringComparer.Ordinal))
        {
            if (node.ParentId is { } parent && _byId.ContainsKey(parent))
            {
                if (!_children.TryGetValue(parent, out var list))
                {
                    _children[parent] = list = [];
                }

                list.Add(node);
            }
            else
            {
                roots.Add(node);
            }
        }

        Roots = roots;
    }

    public Quarter Quarter { get; }

    public DateOnly Date => Quarter.End;

    public int Count => _byId.Count;

    /// <summary>Units with no parent in this tree (normally the province alone).</summary>
    public IReadOnlyList<OrgNode> Roots { get; }

    public IEnumerable<OrgNode> All => _byId.Values;

    public OrgNode? Find(string code) => _byCode.GetValueOrDefault(code);

    public OrgNode? Find(int id) => _byId.GetValueOrDefault(id);

    public IReadOnlyList<OrgNode> Children(int id) => _children.TryGetValue(id, out var list) ? list : None;

    /// <summary>All units below <paramref name="id"/> (not the unit itself), depth first.</summary>
    public IEnumerable<OrgNode> Descendants(int id)
    {
        var stack = new Stack<OrgNode>(Children(id).Reverse());
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in Children(node.Id).Reverse())
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>The unit and everything below it.</summary>
    public IEnumerable<OrgNode> Subtree(int id) =>
        _byId.TryGetValue(id, out var self) ? Descendants(id).Prepend(self) : [];

    /// <summary>From the root down to the unit, both included (breadcrumbs).</summary>
    public IReadOnlyList<OrgNode> PathTo(int id)
    {
        var path = new List<OrgNode>();
        for (var node = Find(id); node is not null; node = node.ParentId is { } p ? Find(p) : null)
        {
            path.Add(node);
            if (path.Count > _byId.Count)
            {
                throw new InvalidOperationException($"The tree of {Quarter} has a cycle through unit {node.Code}.");
            }
        }

        path.Reverse();
        return path;
    }

    /// <summary>Whether <paramref name="id"/> is <paramref name="ancestorId"/> or lies below it.</summary>
    public bool IsWithin(int id, int ancestorId)
    {
        for (var node = Find(id); node is not null; node = node.ParentId is { } p ? Find(p) : null)
        {
            if (node.Id == ancestorId)
            {
                return true;
            }
        }

        return false;
    }
}
