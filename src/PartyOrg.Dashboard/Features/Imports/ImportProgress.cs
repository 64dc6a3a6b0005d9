using System.Collections.Concurrent;

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
/// which deletes its problem list's temporary file).
/// </summary>
public sealed class ImportProgressStore
{
    public const int MaxEntries = 200;

    private readonly ConcurrentDictionary<string, (long Order, ImportProgress Progress, ImportProblemList AllProblems)> _entries = new();
    private long _order;

    /// <summary>Records where an import is; <paramref name="allProblems"/>, when given, is owned by the store from now on.</summary>
    public void Set(ImportProgress progress, ImportProblemList? allProblems = null)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var order = Interlocked.Increment(ref _order);
        _entries.AddOrUpdate(progress.Id, (order, progress, allProblems ?? ImportProblemList.Empty), (_, old) =>
        {
            if (allProblems is not null && !ReferenceEquals(allProblems, old.AllProblems))
            {
                old.AllProblems.Dispose();
            }

            return (old.Order, progress, allProblems ?? old.AllProblems);
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

    public ImportProgress? Get(string id) => _entries.TryGetValue(id, out var entry) ? entry.Progress : null;

    /// <summary>Every problem of a finished import (the report lists only the first ones).</summary>
    public ImportProblemList? AllProblems(string id) => _entries.TryGetValue(id, out var entry) ? entry.AllProblems : null;
}
