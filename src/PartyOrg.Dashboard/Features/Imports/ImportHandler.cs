using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>What every kind's validation sees: the database (read only), the user, the tree, today, the problem list.</summary>
internal sealed class ImportContext(AppDbContext db, ImportActor actor, UnitDirectory units, DateOnly today, ImportProblems problems)
{
    private readonly Dictionary<DateOnly, List<DirUnit>> _scopeRoots = [];

    public AppDbContext Db => db;

    public ImportActor Actor => actor;

    public UnitDirectory Units => units;

    public DateOnly Today => today;

    public ImportProblems Problems => problems;

    /// <summary>
    /// Whether the user may touch <paramref name="unit"/> as the tree stood on <paramref name="date"/>: it lies
    /// under one of the units their scope stands for on that date (their unit, or its successors after it
    /// ended, or its predecessors before it began; ADR-005).
    /// </summary>
    public bool InScope(DirUnit unit, DateOnly date)
    {
        if (actor.ScopeUnitCode is not { } code)
        {
            return true;
        }

        if (!_scopeRoots.TryGetValue(date, out var roots))
        {
            var ids = units.Lineage.Resolve(code, date)?.UnitIds ?? [];
            _scopeRoots[date] = roots = ids.Select(id => units.ById.GetValueOrDefault(id)).OfType<DirUnit>().ToList();
        }

        return roots.Any(root => units.IsWithin(unit, root, date));
    }

    /// <summary>Looks up a unit code and checks scope; reports unknown or out-of-scope units on the row.</summary>
    public DirUnit? Unit(ImportCells cells, string column, string? code, DateOnly date)
    {
        if (code is null)
        {
            return null;
        }

        var unit = units.Find(code);
        if (unit is null)
        {
            cells.Error(column, "UnknownUnit", code);
            return null;
        }

        if (!InScope(unit, date))
        {
            cells.Error(column, "OutOfScope", code, actor.ScopeUnitCode);
            return null;
        }

        return unit;
    }
}

/// <summary>What a kind's writer gets: the open transaction (bulk writer), the new source id, and places to record reverts and progress.</summary>
internal sealed class ImportWriteContext(AppDbContext db, BulkWriter writer, int sourceId, int chunkRows, Action<int> written)
{
    public AppDbContext Db => db;

    public BulkWriter Writer => writer;

    public int SourceId => sourceId;

    public List<RevertEntry> Reverts { get; } = [];

    /// <summary>Writes rows in chunks, reporting progress after each.</summary>
    public async Task WriteChunkedAsync<T>(IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        for (var i = 0; i < rows.Count; i += chunkRows)
        {
            var chunk = rows.Skip(i).Take(chunkRows).ToList();
            await writer.WriteAsync(chunk, ct);
            written(chunk.Count);
        }
    }

    public static async Task<int> NextIdAsync<T>(IQueryable<T> set, System.Linq.Expressions.Expression<Func<T, int>> id, CancellationToken ct) =>
        (await set.MaxAsync(System.Linq.Expressions.Expression.Lambda<Func<T, int?>>(
            System.Linq.Expressions.Expression.Convert(id.Body, typeof(int?)), id.Parameters), ct) ?? 0) + 1;
}

/// <summary>A stored row the batch modified, with its values before (JSON), so that an undo can put them back.</summary>
public sealed record RevertEntry(string Table, long Id, string Before, string After)
{
    public static string Serialize(IReadOnlyList<RevertEntry> entries) => JsonSerializer.Serialize(entries);

    public static IReadOnlyList<RevertEntry> Parse(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<RevertEntry>>(json) ?? [];
}

/// <summary>
/// One import kind's rules: validate each row (adding to the plan or reporting problems), then write the plan.
/// A handler instance serves one import.
/// </summary>
internal abstract class ImportHandler
{
    public abstract ImportKind Kind { get; }

    public int Added { get; protected set; }

    public int Changed { get; protected set; }

    public int AlreadyStored { get; protected set; }

    public List<ImportChange> Changes { get; } = [];

    /// <summary>The quarters whose facts change.</summary>
    public HashSet<int> QuarterKeys { get; } = [];

    /// <summary>For tree changes: the earliest effective date (every later quarter is touched).</summary>
    public DateOnly? TreeChangedFrom { get; protected set; }

    public virtual Task PrepareAsync(ImportContext context, string sha256, CancellationToken ct) => Task.CompletedTask;

    public abstract Task ValidateAsync(ImportCells cells, ImportContext context, CancellationToken ct);

    /// <summary>Checks that need every row (run after the last one).</summary>
    public virtual void Finish(ImportContext context)
    {
    }

    public abstract Task WriteAsync(ImportWriteContext write, CancellationToken ct);

    /// <summary>Remembers the first row of each natural key; returns that row when <paramref name="key"/> was seen before.</summary>
    protected static int? FirstRow<TKey>(Dictionary<TKey, int> seen, TKey key, int row)
        where TKey : notnull
    {
        if (seen.TryGetValue(key, out var first))
        {
            return first;
        }

        seen[key] = row;
        return null;
    }
}
