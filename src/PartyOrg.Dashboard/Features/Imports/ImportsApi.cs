using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Imports;

public sealed record ImportAccepted(string ProgressId, string ProgressUrl);

public sealed record ImportBatchDto(int Id, string Kind, string FileName, int Rows, int Added, int Changed, string Status, string CreatedBy, DateTimeOffset CreatedAt, string? UndoneBy, DateTimeOffset? UndoneAt);

/// <summary>
/// <c>/api/v1/imports</c>: upload a file (report, or 202 with a progress id for a large file run as a job),
/// templates, progress, the full problem list as CSV, batches and undo. Admins and the Organization Board
/// import for any unit, a DistrictEditor for their subtree only (checked row by row by the engine).
/// Cookie callers must send the antiforgery token; bearer-token callers need none.
/// </summary>
public static class ImportsApi
{
    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/imports").WithTags("Imports")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.OrgBoard, Roles.DistrictEditor));

        group.MapPost("/{kind}", ImportAsync).DisableAntiforgery()
            .WithName("Import")
            .WithSummary("Import a CSV or XLSX file (multipart field 'file'): all rows or none. dryRun=true previews.");
        group.MapGet("/templates/{file}", Template).WithName("ImportTemplate").WithSummary("The template of a kind: meetings.csv, meetings.xlsx, …");
        group.MapGet("/progress/{id}", Progress).WithName("ImportProgress");
        group.MapGet("/progress/{id}/problems.csv", ProblemsCsv).WithName("ImportProblemsCsv");
        group.MapGet("/batches", BatchesAsync).WithName("ImportBatches");
        group.MapPost("/{batchId:int}/undo", UndoAsync).DisableAntiforgery()
            .RequireAuthorization(AccessServiceCollectionExtensions.Policies.Admin)
            .WithName("UndoImport").WithSummary("Undo a batch (Admins): removes exactly its rows.");
        return endpoints;
    }

    private static bool ByCookie(HttpContext context) =>
        !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    internal static async Task<IResult> ImportAsync(
        string kind, bool? dryRun, bool? background, HttpContext context, ClaimsPrincipal user, ImportService imports, ImportJobs jobs,
        ImportProgressStore progress, IAntiforgery antiforgery, IOptions<ImportOptions> options, IOptions<KestrelServerOptions> server, CancellationToken ct)
    {
        // Over the server's request limit (Kestrel:Limits:MaxRequestBodySize, 30 MB by default): 413 before anything is
        // read. A body without a length that grows past it fails while the form is read, answered 413 by ApiProblems.
        if (context.Request.ContentLength is { } length && server.Value.Limits.MaxRequestBodySize is { } limit && length > limit)
        {
            return TypedResults.Problem(
                string.Create(CultureInfo.InvariantCulture, $"The upload is {length / 1024.0 / 1024.0:0.0} MB; the server accepts at most {limit / 1024.0 / 1024.0:0.0} MB per request."),
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");
        }

        if (ByCookie(context) && !await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem("Missing or invalid antiforgery token.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (ImportKinds.Find(kind) is null)
        {
            return TypedResults.Problem($"Unknown import kind '{kind}'; the kinds are {string.Join(", ", ImportKinds.All.Select(k => k.Name))}.", statusCode: StatusCodes.Status404NotFound);
        }

        var actor = ImportActor.From(user);
        if (!actor.CanImport)
        {
            return TypedResults.Forbid();
        }

        if (!context.Request.HasFormContentType)
        {
            return TypedResults.Problem("Send the file as multipart/form-data in a field named 'file'.", statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? (form.Files.Count == 1 ? form.Files[0] : null);
        if (file is null)
        {
            return TypedResults.Problem("Send the file as multipart/form-data in a field named 'file'.", statusCode: StatusCodes.Status400BadRequest);
        }

        var fileName = Path.GetFileName(file.FileName);
        if (fileName.Length > ImportBatch.MaxFileNameLength)
        {
            return TypedResults.Problem(
                string.Create(CultureInfo.InvariantCulture, $"The file name is {fileName.Length} characters long; name the file with at most {ImportBatch.MaxFileNameLength} (e.g. meetings.csv)."),
                statusCode: StatusCodes.Status400BadRequest, title: "File name too long");
        }

        var sheet = form.TryGetValue("sheet", out var s) && s.Count > 0 ? s[0] : null;
        if (background == true || file.Length > options.Value.BackgroundFileBytes)
        {
            await using var upload = file.OpenReadStream();
            var id = await jobs.EnqueueAsync(kind, fileName, upload, user.Identity?.Name ?? string.Empty, dryRun ?? false, sheet, ct);
            return TypedResults.Accepted($"/api/v1/imports/progress/{id}", new ImportAccepted(id, $"/api/v1/imports/progress/{id}"));
        }

        await using var content = new MemoryStream();
        await file.CopyToAsync(content, ct);
        content.Position = 0;
        try
        {
            var progressId = Guid.NewGuid().ToString("N");
            var result = await imports.RunAsync(new ImportRequest(kind, fileName, content, actor, dryRun ?? false, sheet), null, progressId, ct);
            progress.Set(new ImportProgress(progressId, ImportPhase.Done, result.Report.Rows, 0, 0, result.Report), user.Identity?.Name ?? string.Empty, result.AllProblems);
            context.Response.Headers["X-Import-Progress-Id"] = progressId;
            return result.Report.Outcome == ImportOutcome.Rejected
                ? TypedResults.UnprocessableEntity(result.Report)
                : TypedResults.Ok(result.Report);
        }
        catch (ImportRefusedException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status403Forbidden);
        }
    }

    internal static IResult Template(string file)
    {
        var extension = Path.GetExtension(file).ToLowerInvariant();
        var kind = ImportKinds.Find(Path.GetFileNameWithoutExtension(file));
        return (kind, extension) switch
        {
            (null, _) => TypedResults.Problem($"Unknown import kind in '{file}'.", statusCode: StatusCodes.Status404NotFound),
            (_, ".csv") => TypedResults.File(ImportTemplates.Csv(kind), "text/csv; charset=utf-8", $"{kind.Name}.csv"),
            (_, ".xlsx") => TypedResults.File(ImportTemplates.Xlsx(kind), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{kind.Name}.xlsx"),
            _ => TypedResults.Problem("Templates are .csv or .xlsx.", statusCode: StatusCodes.Status404NotFound),
        };
    }

    /// <summary>A run's progress, for the user who started it and Admins; 404 for anyone else (the id is not confirmed).</summary>
    internal static Results<Ok<ImportProgress>, ProblemHttpResult> Progress(string id, ClaimsPrincipal user, ImportProgressStore progress) =>
        progress.Get(id, user) is { } p ? TypedResults.Ok(p) : NoRun(id);

    internal static IResult ProblemsCsv(string id, ClaimsPrincipal user, ImportProgressStore progress) =>
        progress.AllProblems(id, user) is { } problems
            ? TypedResults.Stream(output => problems.WriteCsvAsync(output), "text/csv; charset=utf-8", $"problems-{id}.csv")
            : NoRun(id);

    private static ProblemHttpResult NoRun(string id) =>
        TypedResults.Problem($"No import run '{id}' of yours is kept on this server.", statusCode: StatusCodes.Status404NotFound, title: "Import run not found");

    internal static async Task<Ok<List<ImportBatchDto>>> BatchesAsync(IDbContextFactory<AppDbContext> contexts, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.ImportBatches.AsNoTracking();
        if (!user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.OrgBoard))
        {
            var name = user.Identity?.Name ?? string.Empty;
            query = query.Where(b => b.CreatedBy == name);
        }

        var batches = await query.OrderByDescending(b => b.Id).Take(200).ToListAsync(ct);
        return TypedResults.Ok(batches.Select(b => new ImportBatchDto(
            b.Id, b.Kind, b.FileName, b.Rows, b.Added, b.Changed, b.Status.ToString(), b.CreatedBy, b.CreatedAt, b.UndoneBy, b.UndoneAt)).ToList());
    }

    internal static async Task<IResult> UndoAsync(int batchId, HttpContext context, ClaimsPrincipal user, ImportUndo undo, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (ByCookie(context) && !await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem("Missing or invalid antiforgery token.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            return TypedResults.Ok(await undo.UndoAsync(batchId, ImportActor.From(user), ct));
        }
        catch (ImportRefusedException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }
}
