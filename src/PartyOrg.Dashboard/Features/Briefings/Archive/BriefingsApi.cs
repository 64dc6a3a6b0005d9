using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Briefings.Archive;

public sealed record BriefingFileDto(string Format, string FileName, string ContentType, long Size, string Sha256, string Href);

public sealed record BriefingDto(
    int Id,
    string Quarter,
    string ScopeCode,
    string ScopeName,
    string Culture,
    long DataVersion,
    DateTimeOffset ComputedAt,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    IReadOnlyList<BriefingFileDto> Files);

public sealed record BriefingListDto(int Total, int Page, int PageSize, IReadOnlyList<BriefingDto> Items);

/// <summary><c>/api/v1/briefings</c>: the archive the caller may see, and its files.</summary>
public static class BriefingsApi
{
    public const string Prefix = "/api/v1/briefings";

    public const string ShaHeader = "X-Content-SHA256";

    public static IEndpointRouteBuilder MapBriefingsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).WithTags("Briefings");
        group.MapGet("/", ListAsync)
            .WithName("ListBriefings")
            .WithSummary("Archived briefings the caller may see, newest first.")
            .WithDescription("quarter: YYYY-Qn (absent: every quarter). scope: a unit code. page from 0, pageSize 1–200 (default 50).");
        group.MapGet("/{id:int}", GetAsync).WithName("GetBriefing").WithSummary("One archived briefing version.");
        group.MapGet("/{id:int}/{format}", DownloadAsync)
            .WithName("DownloadBriefing")
            .WithSummary("The file of one format (pdf, docx, xlsx); its SHA-256 in ETag and X-Content-SHA256.");
        return endpoints;
    }

    /// <summary>Where a file of a version downloads from (the page links here too).</summary>
    public static string Href(int id, BriefingFormat format) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}/{id}/{BriefingFormats.Name(format)}");

    internal static async Task<Results<Ok<BriefingListDto>, ProblemHttpResult>> ListAsync(
        string? quarter, string? scope, int? page, int? pageSize, ClaimsPrincipal user, BriefingArchive archive, CancellationToken ct)
    {
        Quarter? q = null;
        if (!string.IsNullOrWhiteSpace(quarter))
        {
            if (!Quarter.TryParse(quarter, out var parsed))
            {
                return OrganisationApi.BadQuarter(quarter);
            }

            q = parsed;
        }

        var size = Math.Clamp(pageSize ?? 50, 1, 200);
        var number = Math.Max(0, page ?? 0);
        var result = await archive.ListAsync(user, q, scope, number, size, ct);
        return TypedResults.Ok(new BriefingListDto(result.Total, number, size, result.Items.Select(ToDto).ToList()));
    }

    internal static async Task<Results<Ok<BriefingDto>, ProblemHttpResult>> GetAsync(int id, ClaimsPrincipal user, BriefingArchive archive, CancellationToken ct) =>
        await archive.GetAsync(user, id, ct) is { } briefing ? TypedResults.Ok(ToDto(briefing)) : NotFound(id);

    internal static async Task<IResult> DownloadAsync(int id, string format, ClaimsPrincipal user, BriefingArchive archive, HttpContext http, CancellationToken ct)
    {
        if (!BriefingFormats.TryParse(format, out var f))
        {
            return TypedResults.Problem($"format '{format}' is not one of pdf, docx, xlsx.", statusCode: StatusCodes.Status400BadRequest, title: "Bad format");
        }

        if (await archive.GetFileAsync(user, id, f, ct) is not { } file)
        {
            return NotFound(id);
        }

        http.Response.Headers.ContentDisposition = BriefingFileNames.ContentDisposition(file.File.FileName);
        http.Response.Headers[ShaHeader] = file.File.Sha256;
        http.Response.Headers.CacheControl = "private, no-cache";
        return TypedResults.File(file.Content, file.File.ContentType, entityTag: new EntityTagHeaderValue($"\"{file.File.Sha256}\""), lastModified: file.GeneratedAt);
    }

    internal static BriefingDto ToDto(ArchivedBriefingInfo b) => new(
        b.Id, b.Quarter.ToString(), b.ScopeCode, b.ScopeName, b.Culture, b.DataVersion, b.ComputedAt, b.GeneratedAt, b.GeneratedBy,
        b.Files.Select(f => new BriefingFileDto(BriefingFormats.Name(f.Format), f.FileName, f.ContentType, f.Size, f.Sha256, Href(b.Id, f.Format))).ToList());

    private static ProblemHttpResult NotFound(int id) =>
        TypedResults.Problem(string.Create(CultureInfo.InvariantCulture, $"no briefing {id} in your scope."), statusCode: StatusCodes.Status404NotFound, title: "Briefing not found");
}
