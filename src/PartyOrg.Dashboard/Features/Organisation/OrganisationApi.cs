using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Organisation;

public sealed record UnitDto(string Code, string Name, string ShortName, string Kind, string Sector, string? ParentCode);

public sealed record KindCountDto(string Kind, string Sector, int Count);

public sealed record StructureDto(
    UnitDto Unit,
    string Quarter,
    IReadOnlyList<KindCountDto> Descendants,
    IReadOnlyDictionary<string, int> ByKind,
    int CommuneLevel,
    int Members,
    int Exempt,
    int Eligible,
    int Probationary,
    int Women,
    int EthnicMinority);

internal sealed record ScopedUnit(Quarter Quarter, OrgTree Tree, OrgNode Unit);

/// <summary><c>/api/v1/units</c>: the tree of a quarter and a unit's structure, within the caller's scope.</summary>
public static class OrganisationApi
{
    public static IEndpointRouteBuilder MapOrganisationApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/units").WithTags("Organisation");

        group.MapGet("/", ListUnitsAsync)
            .WithName("ListUnits")
            .WithSummary("The organisation tree as it stood at the end of a quarter (the caller's part of it).")
            .WithDescription("quarter: YYYY-Qn, default the last closed quarter. parent: only the direct children of that unit.");

        group.MapGet("/{code}/structure", GetStructureAsync)
            .WithName("GetUnitStructure")
            .WithSummary("Descendant units by kind and sector, and members, at the end of a quarter.");

        return endpoints;
    }

    internal static async Task<Results<Ok<IReadOnlyList<UnitDto>>, ProblemHttpResult>> ListUnitsAsync(
        string? quarter, string? parent, ClaimsPrincipal user, ScopeResolver scopes, AppClock clock, CancellationToken ct)
    {
        if (ParseQuarter(quarter, clock) is not { } q)
        {
            return BadQuarter(quarter);
        }

        var scope = await scopes.ResolveAsync(UserScope.For(user), q, ct);
        var tree = scope.Tree;
        IEnumerable<OrgNode> nodes;
        if (parent is null)
        {
            nodes = scope.Units;
        }
        else
        {
            if (tree.Find(parent) is not { } p || !scope.CanSee(p))
            {
                return NotInQuarter(parent, q);
            }

            nodes = tree.Children(p.Id);
        }

        return TypedResults.Ok<IReadOnlyList<UnitDto>>(nodes.Select(ToDto).ToList());
    }

    internal static async Task<Results<Ok<StructureDto>, ProblemHttpResult>> GetStructureAsync(
        string code, string? quarter, ClaimsPrincipal user, ScopeResolver scopes, StructureService structures, AppClock clock, CancellationToken ct)
    {
        var (found, problem) = await FindInScopeAsync(code, quarter, user, scopes, clock, ct);
        if (found is not { } f)
        {
            return problem!;
        }

        var (q, tree, unit) = f;
        var s = await structures.GetStructureAsync(tree, unit, ct);
        return TypedResults.Ok(new StructureDto(
            ToDto(unit),
            q.ToString(),
            s.Descendants.Select(d => new KindCountDto(Name(d.Kind), Name(d.Sector), d.Count)).ToList(),
            s.Descendants.GroupBy(d => d.Kind).ToDictionary(g => Name(g.Key), g => g.Sum(d => d.Count)),
            s.CommuneLevel,
            s.Members, s.Exempt, s.Eligible, s.Probationary, s.Women, s.EthnicMinority));
    }

    /// <summary>
    /// The unit <paramref name="code"/> as it stood at the end of the quarter, if the caller may see it (in
    /// the scope resolved for that quarter, ADR-005); otherwise the problem to answer (400 for a bad quarter,
    /// 404 for a unit absent or out of scope).
    /// </summary>
    internal static async Task<(ScopedUnit? Found, ProblemHttpResult? Problem)> FindInScopeAsync(
        string code, string? quarter, ClaimsPrincipal user, ScopeResolver scopes, AppClock clock, CancellationToken ct)
    {
        if (ParseQuarter(quarter, clock) is not { } q)
        {
            return (null, BadQuarter(quarter));
        }

        var scope = await scopes.ResolveAsync(UserScope.For(user), q, ct);
        return scope.Tree.Find(code) is { } unit && scope.CanSee(unit)
            ? (new ScopedUnit(q, scope.Tree, unit), null)
            : (null, NotInQuarter(code, q));
    }

    /// <summary>Null when the text is not a quarter; the last closed quarter when it is absent.</summary>
    internal static Quarter? ParseQuarter(string? text, AppClock clock)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return clock.LastClosedQuarter;
        }

        return Quarter.TryParse(text, out var q) ? q : null;
    }

    internal static ProblemHttpResult BadQuarter(string? text) =>
        TypedResults.Problem($"quarter '{text}' is not a quarter; write it as {Quarter.Format}.", statusCode: StatusCodes.Status400BadRequest, title: "Bad quarter");

    internal static ProblemHttpResult NotInQuarter(string code, Quarter q) =>
        TypedResults.Problem($"no unit '{code}' in your scope existed at the end of {q}.", statusCode: StatusCodes.Status404NotFound, title: "Unit not found");

    internal static UnitDto ToDto(OrgNode n) => new(n.Code, n.Name, n.ShortName, Name(n.Kind), Name(n.Sector), n.ParentCode);

    /// <summary>API names of kinds and sectors: camelCase of the enum member (stable, part of the contract).</summary>
    internal static string Name<T>(T value)
        where T : struct, Enum
    {
        var s = value.ToString();
        return char.ToLowerInvariant(s[0]) + s[1..];
    }
}
