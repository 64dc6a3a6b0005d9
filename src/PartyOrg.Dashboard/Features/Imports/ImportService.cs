using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>An import refused as a whole (who, what kind), before any row is read. The message is in the UI language.</summary>
public sealed class ImportRefusedException(string message) : Exception(message);

/// <summary>A report and the full problem list behind it (which may hold a temporary file: dispose the result, or hand the list on).</summary>
public sealed record ImportResult(ImportReport Report, ImportProblemList AllProblems) : IDisposable
{
    public void Dispose() => AllProblems.Dispose();
}

/// <summary>
/// Runs an import: reads the file row by row, validates every row against the database (nothing written
/// yet; the rows to write go to the handler's spools, so memory does not grow with the file), and only if
/// no row has a problem writes the whole file in ONE transaction — the fact source, the
/// facts, the batch, the quarters' data versions and the audit line — then enqueues the recomputes.
/// A dry run stops before writing. Used alike by the CLI, the API and the background job.
/// </summary>
public sealed partial class ImportService(
    IDbContextFactory<AppDbContext> contexts,
    FactChanges changes,
    AuditLog audit,
    AppClock clock,
    IStringLocalizer<ImportText> text,
    IOptions<ImportOptions> options,
    ILogger<ImportService> logger)
{
    private const int ProgressEvery = 2_000;

    /// <summary>Test hook: runs inside the write transaction after the facts are written, before the commit.</summary>
    internal Func<Task>? BeforeCommit { get; set; }

    public async Task<ImportResult> RunAsync(ImportRequest request, Action<ImportProgress>? progress = null, string? progressId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stopwatch = Stopwatch.StartNew();
        var id = progressId ?? Guid.NewGuid().ToString("N");
        var kind = ImportKinds.Find(request.Kind)
            ?? throw new ImportRefusedException(text["UnknownKind", request.Kind, string.Join(", ", ImportKinds.All.Select(k => k.Name))]);
        if (!request.Actor.CanImport)
        {
            throw new ImportRefusedException(text["NotAllowed", request.Actor.Name]);
        }

        var content = request.Content;
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
        content.Position = 0;

        await using var db = await contexts.CreateDbContextAsync(ct);
        var units = await UnitDirectory.LoadAsync(db, ct);
        if (request.Actor.ScopeUnitCode is { } scope && units.Find(scope) is null)
        {
            throw new ImportRefusedException(text["ScopeUnknown", request.Actor.Name, scope]);
        }

        using var problems = new ImportProblems(text);
        var context = new ImportContext(db, request.Actor, units, clock.Today, problems);
        using var handler = CreateHandler(kind, options.Value.WriteChunkRows);
        await handler.PrepareAsync(context, sha, ct);

        progress?.Invoke(new ImportProgress(id, ImportPhase.Validating, 0, 0, 0));
        var rows = 0;
        var rejected = 0;
        using (var reader = ImportFileReader.Open(content, request.FileName, request.Sheet, kind, problems, options.Value))
        {
            while (reader.TryRead(out var row))
            {
                ct.ThrowIfCancellationRequested();
                rows++;
                var before = problems.Count;
                var cells = new ImportCells(kind, row, problems);
                await handler.ValidateAsync(cells, context, ct);
                if (cells.HasErrors || problems.Count > before)
                {
                    rejected++;
                }

                if (rows % ProgressEvery == 0)
                {
                    progress?.Invoke(new ImportProgress(id, ImportPhase.Validating, rows, 0, 0));
                }
            }

            if (!reader.Failed && rows == 0 && problems.Count == 0)
            {
                problems.Add(0, string.Empty, request.FileName, "NoRows");
            }
        }

        handler.Finish(context);
        progress?.Invoke(new ImportProgress(id, ImportPhase.Validating, rows, 0, 0));

        var quarters = handler.QuarterKeys.Select(Quarter.FromKey).ToList();
        if (handler.TreeChangedFrom is { } from)
        {
            quarters.AddRange(await changes.QuartersFromAsync(db, from, ct));
        }

        quarters = [.. quarters.Distinct().Order()];
        ImportReport Report(ImportOutcome outcome, int? batchId = null) => new()
        {
            Kind = kind.Name, FileName = request.FileName, Sha256 = sha, Outcome = outcome, DryRun = request.DryRun, Rows = rows,
            Added = handler.Added, Changed = handler.Changed, AlreadyStored = handler.AlreadyStored,
            ProblemCount = problems.Count, RejectedRows = rejected,
            Problems = [.. problems.First.Take(options.Value.ReportedProblems)], ProblemGroups = problems.Groups(),
            Changes = [.. handler.Changes.Take(options.Value.ReportedProblems)],
            Quarters = outcome is ImportOutcome.Rejected or ImportOutcome.NothingNew ? [] : [.. quarters.Select(q => q.ToString())],
            BatchId = batchId, Elapsed = stopwatch.Elapsed,
        };

        ImportResult Done(ImportReport report)
        {
            progress?.Invoke(new ImportProgress(id, ImportPhase.Done, rows, handler.Added + handler.Changed, 0, report));
            LogImport(logger, kind.Name, request.FileName, report.Outcome, rows, report.Added, report.Changed, report.ProblemCount, stopwatch.Elapsed.TotalMilliseconds);
            return new ImportResult(report, problems.Detach());
        }

        if (problems.Count > 0)
        {
            return Done(Report(ImportOutcome.Rejected));
        }

        if (request.DryRun)
        {
            return Done(Report(ImportOutcome.Previewed));
        }

        if (handler.Added == 0 && handler.Changed == 0)
        {
            return Done(Report(ImportOutcome.NothingNew));
        }

        var toWrite = handler.Added + handler.Changed;
        var written = 0;
        progress?.Invoke(new ImportProgress(id, ImportPhase.Writing, rows, toWrite, 0));
        int batchId;
        await using (var writer = await BulkWriter.OpenAsync(db, ct))
        {
            var now = clock.TimeProvider.GetUtcNow();
            var label = $"{request.FileName} ({kind.Name})";
            var source = new FactSource { Kind = FactSourceKind.Import, Label = label.Length > 400 ? label[..400] : label, CreatedBy = request.Actor.Name, CreatedAt = now };
            db.FactSources.Add(source);
            await db.SaveChangesAsync(ct);

            var write = new ImportWriteContext(db, writer, source.Id, options.Value.WriteChunkRows, n =>
            {
                written += n;
                progress?.Invoke(new ImportProgress(id, ImportPhase.Writing, rows, toWrite, Math.Min(written, toWrite)));
            });
            await handler.WriteAsync(write, ct);

            var batch = new ImportBatch
            {
                SourceId = source.Id, Kind = kind.Name, FileName = Truncate(request.FileName, ImportBatch.MaxFileNameLength), Sha256 = sha, Rows = rows,
                Added = handler.Added, Changed = handler.Changed, AlreadyStored = handler.AlreadyStored, Status = ImportBatchStatus.Completed,
                CreatedBy = request.Actor.Name, CreatedAt = now,
                Quarters = Truncate(string.Join(",", quarters.Select(q => q.Key.ToString(CultureInfo.InvariantCulture))), 4000),
                Reverts = write.Reverts.Count == 0 ? null : RevertEntry.Serialize(write.Reverts),
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(ct);
            batchId = batch.Id;

            await changes.MarkAsync(db, quarters, ct);
            audit.Record(db, request.Actor.Name, AuditAction.Import, Truncate($"{label} #{batch.Id}", 512), source.Id, handler.Added, handler.Changed, 0,
                Truncate($"batch {batch.Id}; sha256 {sha}; quarters {string.Join(", ", quarters)}", 4000));
            await db.SaveChangesAsync(ct);
            if (BeforeCommit is { } hook)
            {
                await hook();
            }

            await writer.CommitAsync(ct);
        }

        changes.EnqueueRecomputes(quarters);
        return Done(Report(ImportOutcome.Imported, batchId));
    }

    internal static ImportHandler CreateHandler(ImportKind kind, int spoolRows) => kind.Name switch
    {
        ImportKinds.Meetings => new MeetingsImport(spoolRows),
        ImportKinds.Membership => new MembershipImport(spoolRows),
        ImportKinds.Attendance => new AttendanceImport(spoolRows),
        ImportKinds.Survey => new SurveyImport(spoolRows),
        ImportKinds.Adoptions => new AdoptionsImport(spoolRows),
        ImportKinds.Units => new UnitsImport(spoolRows),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind.Name, "No handler for this import kind."),
    };

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {Kind} of {File}: {Outcome}, {Rows} rows, {Added} added, {Changed} changed, {Problems} problems in {Milliseconds:0} ms")]
    private static partial void LogImport(ILogger logger, string kind, string file, ImportOutcome outcome, int rows, int added, int changed, int problems, double milliseconds);
}
