using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PartyOrg.Dashboard.Infrastructure.Data;

/// <summary>
/// One line for a failure of the storage underneath the app — the database refusing a write (disk full, locked,
/// read-only, no permission) or the file system — so that admin commands and background jobs say what happened in
/// words instead of a stack trace. Null for anything else.
/// </summary>
public static class StorageFailure
{
    public static string? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // EF Core wraps the provider's exception (DbUpdateException): the first known cause down the chain names it.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite:
                    return $"the database refused the operation: {Sqlite(sqlite)}";
                case PostgresException postgres:
                    return $"the database refused the operation: {Postgres(postgres)}";
                case NpgsqlException npgsql:
                    return $"the database could not be reached: {FirstLine(npgsql.Message)}";
                case DbException db:
                    return $"the database refused the operation: {FirstLine(db.Message)}";
                case IOException io when io.HResult is DiskFull or DiskFullWindows:
                    return $"the disk is full: {FirstLine(io.Message)}";
                case IOException io:
                    return $"a file could not be read or written: {FirstLine(io.Message)}";
                case UnauthorizedAccessException denied:
                    return $"no permission: {FirstLine(denied.Message)}";
            }
        }

        return null;
    }

    // ENOSPC as .NET reports it on Unix; ERROR_DISK_FULL on Windows.
    private const int DiskFull = 28;
    private const int DiskFullWindows = unchecked((int)0x80070070);

    private static string Sqlite(SqliteException e) => e.SqliteErrorCode switch
    {
        13 => "the disk is full (SQLite: database or disk is full); free space in the data directory and try again",
        5 or 6 => "the database is locked by another process (SQLite: busy); try again when it has finished",
        8 => "the database is read-only (SQLite: attempt to write a readonly database); check the file's permissions",
        14 => "the database file cannot be opened (SQLite: unable to open database file); check the data directory's permissions",
        10 => "the disk could not be read or written (SQLite: disk I/O error)",
        11 or 26 => "the database file is damaged or is not a database (SQLite: malformed)",
        _ => FirstLine(e.Message),
    };

    private static string Postgres(PostgresException e) => e.SqlState switch
    {
        "53100" => $"the database server's disk is full (PostgreSQL {e.SqlState}: {e.MessageText})",
        "25006" => $"the database is read-only (PostgreSQL {e.SqlState}: {e.MessageText})",
        "42501" => $"no permission (PostgreSQL {e.SqlState}: {e.MessageText})",
        "57P01" or "57P02" or "57P03" => $"the database server is shutting down or starting (PostgreSQL {e.SqlState}: {e.MessageText})",
        _ => $"PostgreSQL {e.SqlState}: {e.MessageText}",
    };

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
