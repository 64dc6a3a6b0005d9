using Hangfire;
using Microsoft.AspNetCore.Identity;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>
/// Large imports as a Hangfire job: the upload is saved under the data directory and the job runs the same
/// pipeline, publishing its progress in <see cref="ImportProgressStore"/> for the page and the API to poll.
/// The user is looked up again when the job runs (role and scope as they are then).
/// </summary>
public sealed class ImportJobs(
    ImportService imports,
    ImportProgressStore progress,
    UserManager<AppUser> users,
    IBackgroundJobClient jobs,
    DataDirectory dataDirectory)
{
    /// <summary>Saves the upload and enqueues its import; returns the progress id.</summary>
    public async Task<string> EnqueueAsync(string kind, string fileName, Stream content, string userEmail, bool dryRun, string? sheet, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = Guid.NewGuid().ToString("N");
        var folder = dataDirectory.PrivateDirectory("imports");
        // Named by the id alone: the client's file name (its extension may be hundreds of characters) never reaches
        // the file system; the job reads the format from fileName.
        var path = Path.Combine(folder, id + ".upload");
        await using (var file = DataDirectory.CreatePrivateFile(path))
        {
            await content.CopyToAsync(file, ct);
        }

        progress.Set(new ImportProgress(id, ImportPhase.Queued, 0, 0, 0), userEmail);
        jobs.Enqueue<ImportJobs>(j => j.RunAsync(id, kind, fileName, path, userEmail, dryRun, sheet, CancellationToken.None));
        return id;
    }

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string id, string kind, string fileName, string path, string userEmail, bool dryRun, string? sheet, CancellationToken cancellationToken)
    {
        try
        {
            var user = await users.FindByEmailAsync(userEmail);
            var actor = user is null ? new ImportActor(userEmail, false, false, null) : ImportActor.From(user, await users.GetRolesAsync(user));
            await using var file = File.OpenRead(path);
            var result = await imports.RunAsync(new ImportRequest(kind, fileName, file, actor, dryRun, sheet), p => progress.Set(p, userEmail), id, cancellationToken);
            progress.Set(new ImportProgress(id, ImportPhase.Done, result.Report.Rows, result.Report.Added + result.Report.Changed,
                result.Report.Outcome == ImportOutcome.Imported ? result.Report.Added + result.Report.Changed : 0, result.Report), userEmail, result.AllProblems);
        }
        catch (ImportRefusedException ex)
        {
            progress.Set(new ImportProgress(id, ImportPhase.Failed, 0, 0, 0, null, ex.Message), userEmail);
        }
        catch (Exception ex)
        {
            // The write is one transaction: nothing of the file was stored. The page and the API must say so, instead
            // of showing the last phase for good while Hangfire records the failure.
            var why = StorageFailure.Describe(ex) ?? "the import stopped on an unexpected error (written to the server's log)";
            progress.Set(new ImportProgress(id, ImportPhase.Failed, 0, 0, 0, null, $"{why}; nothing of the file was written."), userEmail);
            throw;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
