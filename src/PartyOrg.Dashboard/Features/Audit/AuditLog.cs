using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Audit;

/// <summary>Adds audit lines to the caller's unit of work; the caller's SaveChanges/commit writes them.</summary>
public sealed class AuditLog(AppClock clock)
{
    public AuditEntry Record(
        AppDbContext db,
        string actor,
        AuditAction action,
        string subject,
        int? sourceId = null,
        int added = 0,
        int changed = 0,
        int removed = 0,
        string? details = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var entry = new AuditEntry
        {
            At = clock.TimeProvider.GetUtcNow(),
            Actor = actor,
            Action = action,
            Subject = subject,
            SourceId = sourceId,
            Added = added,
            Changed = changed,
            Removed = removed,
            Details = details,
        };
        db.AuditLog.Add(entry);
        return entry;
    }
}
