using System.Collections.Concurrent;
using System.Security.Claims;

namespace PartyOrg.Dashboard.Features.Imports;

public enum ImportPhase
{
    Queued = 1,
    Validating = 2,
    Writing = 3,
    Done = 4,
    Failed = 5,
}

/// <summary>Where an import is: phase, rows validated and written, and at the end its report (or the failure).</summary>
public sealed record ImportProgress(string Id, ImportPhase Phase, int RowsValidated, int RowsToWrite, int RowsWritten, ImportReport? Report = null, string? Error = null);

/// <summary>
/// The progress of the imports running in this process, polled by the page and the API. Kept in memory:
/// a finished import's report stays until the process ends (or <see cref="MaxEntries"/> newer ones push it out,
/// which deletes its problem list's temporary file). Each run belongs to the user who started it: only they and
/// Admins read it; anyone else is told nothing, as if the id did not exist.
/// </summary>
public sealed class ImportProgressStore
{
    public const int MaxEntries = 200;

    private readonly ConcurrentDictionary<string, (long Order, string Owner, ImportProgress Progress, ImportProblemList AllProblems)> _entries = new();
    private long _order;

    /// <summary>
    /// Records where an import is; <paramref name="allProblems"/>, when given, is owned by the store from now on.
    /// <paramref name="owner"/> (the user name of who started the run) is recorded with the first progress of an id
    /// and never changes afterwards.
    /// </summary>
    public void Set(ImportProgress progress, string owner, ImportProblemList? allProblems = null)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(owner);
        var order = Interlocked.Increment(ref _order);
        _entries.AddOrUpdate(progress.Id, (order, owner, progress, allProblems ?? ImportProblemList.Empty), (_, old) =>
        {
            if (allProblems is not null && !ReferenceEquals(allProblems, old.AllProblems))
            {
                old.AllProblems.Dispose();
            }

            return (old.Order, old.Owner, progress, allProblems ?? old.AllProblems);
        });
        if (_entries.Count > MaxEntries)
        {
            foreach (var old in _entries.OrderBy(e => e.Value.Order).Take(_entries.Count - MaxEntries))
            {
                if (_entries.TryRemove(old.Key, out var removed))
                {
                    removed.AllProblems.Dispose();
                }
            }
        }
    }

    /// <summary>The run's progress, if <paramref name="user"/> started it or is an Admin; otherwise null, as for an unknown id.</summary>
    public ImportProgress? Get(string id, ClaimsPrincipal user) =>
        _entries.TryGetValue(id, out var entry) && MayRead(entry.Owner, user) ? entry.Progress : null;

    /// <summary>Every problem of a finished import (the report lists only the first ones), under the same rule as <see cref="Get"/>.</summary>
    public ImportProblemList? AllProblems(string id, ClaimsPrincipal user) =>
        _entries.TryGetValue(id, out var entry) && MayRead(entry.Owner, user) ? entry.AllProblems : null;

    private static bool MayRead(string owner, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ImportActor.From(user).IsAdmin
            || (owner.Length > 0 && string.Equals(owner, user.Identity?.Name, StringComparison.OrdinalIgnoreCase));
    }
}
