using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Aggregates;

public sealed record MetricDto(double? Value, double? Numerator, double? Denominator, bool Suppressed);

public sealed record UnitMetricsDto(
    UnitDto Unit,
    string Quarter,
    DateTimeOffset? ComputedAt,
    long? DataVersion,
    bool Stale,
    IReadOnlyDictionary<string, MetricDto> Metrics);

public sealed record MetricPointDto(string Quarter, double? Value, double? Numerator, double? Denominator, bool Suppressed, bool Stale);

public sealed record MetricSeriesDto(UnitDto Unit, string Key, IReadOnlyList<MetricPointDto> Points);

/// <summary><c>/api/v1/units/{code}/metrics</c>: aggregates of one unit, read-only, within the caller's scope.</summary>
public static class MetricsApi
{
    /// <summary>Quarters in a series when <c>from</c> is not given: two years up to <c>to</c>.</summary>
    public const int DefaultSeriesLength = 8;

    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/units/{code}/metrics").WithTags("Metrics");
        group.MapGet("/", GetMetricsAsync)
            .WithName("GetUnitMetrics")
            .WithSummary("The unit's metrics for a quarter, over its subtree as it stood then.")
            .WithDescription("quarter: YYYY-Qn (default: the last closed quarter). keys: comma-separated metric keys (default: all). " +
                "value = numerator ÷ denominator; null when the denominator is 0 or when a survey result comes from fewer than 5 responses (suppressed = true).");
        group.MapGet("/series", GetSeriesAsync)
            .WithName("GetUnitMetricSeries")
            .WithSummary("One metric of the unit across quarters.")
            .WithDescription("key: one metric key (required). from, to: YYYY-Qn (default: the 8 quarters up to the last closed one). " +
                "A DistrictEditor gets only the quarters in which the unit was in their scope.");
        return endpoints;
    }

    internal static async Task<Results<Ok<UnitMetricsDto>, ProblemHttpResult>> GetMetricsAsync(
        string code, string? quarter, string? keys, ClaimsPrincipal user,
        ScopeResolver scopes, MetricsQueryService metrics, AppClock clock, CancellationToken ct)
    {
        var (found, problem) = await OrganisationApi.FindInScopeAsync(code, quarter, user, scopes, clock, ct);
        if (found is not { } f)
        {
            return problem!;
        }

        var (q, _, unit) = f;
        var known = await metrics.AllKeysAsync(ct);
        IReadOnlyList<string> wanted = known;
        if (!string.IsNullOrWhiteSpace(keys))
        {
            wanted = keys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            var unknown = wanted.Where(k => !known.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                return TypedResults.Problem($"unknown metric key(s): {string.Join(", ", unknown)}.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown metric key");
            }
        }

        var result = await metrics.GetAsync(unit.Id, q, wanted, ct);
        return TypedResults.Ok(new UnitMetricsDto(
            OrganisationApi.ToDto(unit), q.ToString(), result.ComputedAt, result.DataVersion, result.Stale,
            result.Values.ToDictionary(kv => kv.Key, kv => new MetricDto(kv.Value.Value, kv.Value.Numerator, kv.Value.Denominator, kv.Value.Suppressed))));
    }

    internal static async Task<Results<Ok<MetricSeriesDto>, ProblemHttpResult>> GetSeriesAsync(
        string code, string? key, string? from, string? to, ClaimsPrincipal user,
        ScopeResolver scopes, MetricsQueryService metrics, AppClock clock, CancellationToken ct)
    {
        if (OrganisationApi.ParseQuarter(to, clock) is not { } last)
        {
            return OrganisationApi.BadQuarter(to);
        }

        var first = last.AddQuarters(1 - DefaultSeriesLength);
        if (!string.IsNullOrWhiteSpace(from) && !Quarter.TryParse(from, out first))
        {
            return OrganisationApi.BadQuarter(from);
        }

        if (first > last || Quarter.Range(first, last).Count() > 200)
        {
            return TypedResults.Problem($"from {first} to {last} is not a range of at most 200 quarters.", statusCode: StatusCodes.Status400BadRequest, title: "Bad range");
        }

        if (string.IsNullOrWhiteSpace(key) || !(await metrics.AllKeysAsync(ct)).Contains(key))
        {
            return TypedResults.Problem($"key '{key}' is not a metric key.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown metric key");
        }

        // The unit as it stood in the latest quarter of the range in which the caller may see it, and only the
        // quarters whose scope holds it (ADR-005): a cell that moved into or out of a district is the editor's
        // in some quarters only, and the others are absent from the answer.
        var scope = UserScope.For(user);
        var range = Quarter.Range(first, last).ToList();
        var holding = await scopes.HoldingAsync(scope, tree => tree.Find(code), range, ct);
        if (holding.Count == 0)
        {
            return TypedResults.Problem($"no unit '{code}' in your scope existed from {first} to {last}.", statusCode: StatusCodes.Status404NotFound, title: "Unit not found");
        }

        var unit = holding[^1].Node;
        var held = scope.WholeProvince ? range.ToHashSet() : holding.Where(h => h.Node.Id == unit.Id).Select(h => h.Quarter).ToHashSet();
        var points = (await metrics.GetSeriesAsync(unit.Id, key, first, last, ct)).Where(p => held.Contains(p.Quarter));
        return TypedResults.Ok(new MetricSeriesDto(
            OrganisationApi.ToDto(unit), key,
            points.Select(p => new MetricPointDto(p.Quarter.ToString(), p.Metric.Value, p.Metric.Numerator, p.Metric.Denominator, p.Metric.Suppressed, p.Stale)).ToList()));
    }
}
