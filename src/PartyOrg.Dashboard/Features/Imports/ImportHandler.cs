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

    /// <summary>Writes a spool's rows a chunk at a time (<paramref name="prepare"/> sets each row's id and source first), reporting progress after each.</summary>
    public async Task WriteChunkedAsync<T>(ImportSpool<T> rows, Action<T> prepare, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(prepare);
        foreach (var chunk in rows.Chunks(chunkRows))
        {
            foreach (var row in chunk)
            {
                prepare(row);
            }

            await writer.WriteAsync(chunk, ct);
            written(chunk.Count);
        }
    }

    /// <summary>
    /// The first free id of <typeparamref name="T"/>'s table (max + 1), the table locked first (<see cref="LockIdsAsync{T}"/>)
    /// so that a concurrent import cannot be handed the same ids.
    /// </summary>
    public async Task<int> NextIdAsync<T>(System.Linq.Expressions.Expression<Func<T, int>> id, CancellationToken ct)
        where T : class
    {
        await LockIdsAsync<T>(ct);
        return (await db.Set<T>().MaxAsync(System.Linq.Expressions.Expression.Lambda<Func<T, int?>>(
            System.Linq.Expressions.Expression.Convert(id.Body, typeof(int?)), id.Parameters), ct) ?? 0) + 1;
    }

    /// <summary>
    /// Serializes id allocation on <typeparamref name="T"/>'s table until the transaction ends. On PostgreSQL two
    /// imports would otherwise read the same max under READ COMMITTED and the later commit would fail whole on the
    /// primary key; <c>SHARE ROW EXCLUSIVE</c> conflicts with itself and with ordinary inserts (whose identity values
    /// would collide too) but not with reads, so dashboards keep reading meanwhile. SQLite already runs one writer at a time.
    /// </summary>
    public async Task LockIdsAsync<T>(CancellationToken ct)
        where T : class
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        var sql = "LOCK TABLE " + BulkTable.For<T>(db.Model).QuotedName + " IN SHARE ROW EXCLUSIVE MODE";
        await db.Database.ExecuteSqlRawAsync(sql, ct);
    }
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
/// A handler instance serves one import. Plans that grow with the file are <see cref="ImportSpool{T}"/>s
/// (at most <c>spoolRows</c> rows in memory), so that memory stays bounded however long the file is.
/// </summary>
internal abstract class ImportHandler(int spoolRows) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

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

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var owned in _owned)
            {
                owned.Dispose();
            }

            _owned.Clear();
        }
    }

    /// <summary>A new spool for this import's planned rows, disposed (its file deleted) with the handler.</summary>
    protected ImportSpool<T> NewSpool<T>()
        where T : class
    {
        var spool = new ImportSpool<T>(spoolRows);
        _owned.Add(spool);
        return spool;
    }

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
