using PartyOrg.Dashboard.Features.Organisation;

namespace PartyOrg.Dashboard.Features.Dashboard;

/// <summary>
/// What a DistrictEditor's overview shows when their scope holds several units in the quarter (ADR-005):
/// the unit they were assigned, why it stands for others now, and those units, each a link to drill.
/// </summary>
/// <param name="AssignedName">The assigned unit's last name ("Đảng bộ huyện Tiểu Cần").</param>
/// <param name="Resolution">Successors (the unit had ended) or predecessors (it had not begun).</param>
/// <param name="ChangedOn">The day it ended (successors) or began (predecessors).</param>
public sealed record ScopeLanding(string AssignedCode, string AssignedName, ScopeResolution Resolution, DateOnly? ChangedOn, IReadOnlyList<UnitRef> Units)
{
    public static ScopeLanding? Of(ResolvedScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Roots.Count < 2 || scope.Assigned is not { } assigned || scope.Resolution is not { } resolution)
        {
            return null;
        }

        return new ScopeLanding(
            assigned.Code,
            assigned.Name,
            resolution,
            resolution == ScopeResolution.Predecessors ? assigned.ValidFrom : assigned.ValidTo,
            scope.Roots.Select(n => new UnitRef(n.Code, n.Name, n.ShortName, n.Kind)).ToList());
    }
}
