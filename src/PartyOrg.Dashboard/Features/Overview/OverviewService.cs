using System.Security.Claims;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Overview;

/// <summary>The headline figures of the home page: the user's top unit at the end of a quarter.</summary>
/// <param name="GrassrootsOrganisations">Tổ chức cơ sở đảng: grassroots committees and grassroots cells.</param>
/// <param name="Cells">Chi bộ trực thuộc: cells under grassroots (or partial) committees.</param>
/// <param name="UpperCommittees">Đảng bộ trực thuộc: district-level and directly subordinate committees.</param>
/// <param name="CommuneLevel">Xã, phường, thị trấn: commune-level grassroots committees.</param>
public sealed record OverviewSummary(
    string UnitCode,
    string UnitName,
    Quarter Quarter,
    int Members,
    int Exempt,
    int Eligible,
    int GrassrootsOrganisations,
    int Cells,
    int UpperCommittees,
    int CommuneLevel);

public sealed class OverviewService(OrgTreeService trees, StructureService structures)
{
    /// <returns>Null when no unit of the user's scope existed at the end of the quarter.</returns>
    public async Task<OverviewSummary?> GetAsync(ClaimsPrincipal user, Quarter quarter, CancellationToken cancellationToken = default)
    {
        var tree = await trees.GetTreeAsync(quarter, cancellationToken);
        if (UserScope.For(user).Root(tree) is not { } root)
        {
            return null;
        }

        var s = await structures.GetStructureAsync(tree, root, cancellationToken);
        return new OverviewSummary(
            root.Code,
            root.Name,
            quarter,
            s.Members,
            s.Exempt,
            s.Eligible,
            s.CountOf(UnitKind.GrassrootsCommittee) + s.CountOf(UnitKind.GrassrootsCell),
            s.CountOf(UnitKind.Cell),
            s.CountOf(UnitKind.UpperCommittee),
            s.CommuneLevel);
    }
}

public static class OverviewServiceCollectionExtensions
{
    public static IServiceCollection AddOverview(this IServiceCollection services) =>
        services.AddSingleton<OverviewService>();
}
