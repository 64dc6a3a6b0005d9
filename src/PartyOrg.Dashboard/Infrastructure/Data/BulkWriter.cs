using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace PartyOrg.Dashboard.Infrastructure.Data;

/// <summary>
/// Writes many rows with ids already assigned, in one transaction, bypassing the change tracker:
/// SQLite uses one prepared INSERT reused per row, PostgreSQL uses binary COPY. Tables and columns
/// come from the EF model, so a renamed column or a new property needs no change here.
/// Write parents before children (foreign keys are checked).
/// </summary>
public abstract class BulkWriter : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private bool _completed;

    private protected BulkWriter(AppDbContext db, IDbContextTransaction transaction)
    {
        Db = db;
        _transaction = transaction;
    }

    private protected AppDbContext Db { get; }

    private protected DbTransaction Transaction => _transaction.GetDbTransaction();

    /// <summary>
    /// Opens the context's connection and begins the transaction that every write joins. Queries made
    /// through <paramref name="db"/> until <see cref="CommitAsync"/> run inside it too.
    /// </summary>
    public static async Task<BulkWriter> OpenAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        return db.Database.GetDbConnection() switch
        {
            SqliteConnection => new SqliteBulkWriter(db, transaction),
            NpgsqlConnection => new PostgresBulkWriter(db, transaction),
            var other => throw new NotSupportedException($"Bulk writes are not implemented for {other.GetType().Name}."),
        };
    }

    /// <summary>Inserts <paramref name="rows"/> (every mapped column, the key included) into <typeparamref name="T"/>'s table.</summary>
    public async Task WriteAsync<T>(IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        await WriteRowsAsync(BulkTable.For<T>(Db.Model), rows, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction.CommitAsync(cancellationToken);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await _transaction.RollbackAsync();
        }

        await _transaction.DisposeAsync();
        await Db.Database.CloseConnectionAsync();
        GC.SuppressFinalize(this);
    }

    private protected abstract Task WriteRowsAsync<T>(BulkTable table, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class;
}

/// <summary>A table as the EF model maps it: quoted names, and per column a getter that yields the provider value.</summary>
internal sealed class BulkTable
{
    private BulkTable(string name, string? schema, IReadOnlyList<BulkColumn> columns, BulkColumn? identity)
    {
        Name = name;
        Schema = schema;
        Columns = columns;
        Identity = identity;
    }

    public string Name { get; }

    public string? Schema { get; }

    public IReadOnlyList<BulkColumn> Columns { get; }

    /// <summary>The generated single-column key, whose sequence must move past the written ids.</summary>
    public BulkColumn? Identity { get; }

    public string QuotedName => Schema is null ? Quote(Name) : $"{Quote(Schema)}.{Quote(Name)}";

    public string QuotedColumnList => string.Join(", ", Columns.Select(c => Quote(c.Name)));

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static BulkTable For<T>(IModel model)
    {
        var entity = model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not part of the model.");
        var tableName = entity.GetTableName()
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped to a table.");
        var store = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
        var columns = new List<BulkColumn>();
        foreach (var property in entity.GetProperties())
        {
            var columnName = property.GetColumnName(store);
            if (columnName is null)
            {
                continue;
            }

            var mapping = property.GetRelationalTypeMapping();
            var getter = property.GetGetter();
            var converter = mapping.Converter;
            Func<object, object?> read = converter is null
                ? getter.GetClrValueUsingContainingEntity
                : entity => getter.GetClrValueUsingContainingEntity(entity) is { } value ? converter.ConvertToProvider(value) : null;
            columns.Add(new BulkColumn(columnName, mapping.StoreTypeNameBase, read));
        }

        var key = entity.FindPrimaryKey();
        BulkColumn? identity = null;
        if (key is { Properties: [var keyProperty] } && keyProperty.ValueGenerated == ValueGenerated.OnAdd)
        {
            var keyColumn = keyProperty.GetColumnName(store);
            identity = columns.Single(c => c.Name == keyColumn);
        }

        return new BulkTable(tableName, entity.GetSchema(), columns, identity);
    }
}

/// <param name="StoreType">The provider's type name without facets ("integer", "character varying", "date").</param>
internal sealed record BulkColumn(string Name, string StoreType, Func<object, object?> Read);

internal sealed class SqliteBulkWriter(AppDbContext db, IDbContextTransaction transaction) : BulkWriter(db, transaction)
{
    private protected override Task WriteRowsAsync<T>(BulkTable table, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite runs synchronously anyway; one prepared statement bound per row is the
        // fastest path it offers.
        var connection = (SqliteConnection)Db.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction)Transaction;
        var columns = table.Columns;
        var parameters = new SqliteParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            parameters[i] = command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

#pragma warning disable CA2100 // Table and column names come from the EF model, values are parameters.
        command.CommandText =
            $"INSERT INTO {table.QuotedName} ({table.QuotedColumnList}) VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))})";
#pragma warning restore CA2100
        command.Prepare();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = columns[i].Read(row) ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }
}

internal sealed class PostgresBulkWriter(AppDbContext db, IDbContextTransaction transaction) : BulkWriter(db, transaction)
{
    private protected override async Task WriteRowsAsync<T>(BulkTable table, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)Db.Database.GetDbConnection();
        var columns = table.Columns;
        await using (var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table.QuotedName} ({table.QuotedColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var column in columns)
                {
                    if (column.Read(row) is { } value)
                    {
                        await importer.WriteAsync(value, column.StoreType, cancellationToken);
                    }
                    else
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        if (table.Identity is { } identity)
        {
            // Explicit ids do not advance an identity sequence; the next generated id must follow them.
            await using var reset = connection.CreateCommand();
#pragma warning disable CA2100 // Names come from the EF model.
            reset.CommandText =
                $"SELECT setval(pg_get_serial_sequence(@table, @column), (SELECT MAX({BulkTable.Quote(identity.Name)}) FROM {table.QuotedName}))";
#pragma warning restore CA2100
            reset.Parameters.AddWithValue("table", table.QuotedName);
            reset.Parameters.AddWithValue("column", identity.Name);
            await reset.ExecuteScalarAsync(cancellationToken);
        }
    }
}
