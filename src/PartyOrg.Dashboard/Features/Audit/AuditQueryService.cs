using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Audit;

/// <summary>A filter over the audit log; dates are days in Asia/Ho_Chi_Minh, both included.</summary>
public sealed record AuditFilter(string? Actor = null, AuditAction? Action = null, DateOnly? From = null, DateOnly? To = null);

public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, AuditAction Action, string Subject, int? SourceId, int Added, int Changed, int Removed, string? Details);

public sealed record AuditLines(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>Reads the audit log newest first, one page at a time.</summary>
public sealed class AuditQueryService(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<AuditLines> PageAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(cancellationToken);
        // Ids grow with time (lines are only ever added), and unlike a DateTimeOffset they sort on every provider.
        var rows = await query.OrderByDescending(e => e.Id).Skip(page * pageSize).Take(pageSize)
            .Select(e => new AuditRow(e.Id, e.At, e.Actor, e.Action, e.Subject, e.SourceId, e.Added, e.Changed, e.Removed, e.Details))
            .ToListAsync(cancellationToken);
        return new AuditLines(rows, total);
    }

    /// <summary>The actors that appear in the log, for the filter's choices.</summary>
    public async Task<IReadOnlyList<string>> ActorsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditLog.AsNoTracking().Select(e => e.Actor).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
    }

    private static IQueryable<AuditEntry> Filtered(AppDbContext db, AuditFilter filter)
    {
        var from = filter.From is { } f ? Start(f) : (DateTimeOffset?)null;
        var to = filter.To is { } t ? Start(t.AddDays(1)) : (DateTimeOffset?)null;
        IQueryable<AuditEntry> query;
        if (db.Database.IsSqlite() && (from is not null || to is not null))
        {
            // SQLite keeps DateTimeOffset as ISO text and EF cannot compare it; the log is written in UTC
            // ("yyyy-MM-dd HH:mm:ss.fffffff+00:00"), so comparing the text in UTC compares the instants.
            var low = from is { } a ? Text(a) : "0000";
            var high = to is { } b ? Text(b) : "9999";
            query = db.AuditLog.FromSql($"SELECT * FROM \"AuditLog\" WHERE \"At\" >= {low} AND \"At\" < {high}");
        }
        else
        {
            query = db.AuditLog;
            if (from is { } a)
            {
                query = query.Where(e => e.At >= a);
            }

            if (to is { } b)
            {
                query = query.Where(e => e.At < b);
            }
        }

        query = query.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            query = query.Where(e => e.Actor == actor);
        }

        if (filter.Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        return query;
    }

    /// <summary>Midnight of <paramref name="day"/> in the province, as a UTC instant.</summary>
    private static DateTimeOffset Start(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, AppClock.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static string Text(DateTimeOffset utc) =>
        utc.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "+00:00";
}
