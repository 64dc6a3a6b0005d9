using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Aggregates;

/// <summary>
/// Marks quarters whose facts changed: their data version moves on, so their aggregates read as stale
/// until a recompute catches up. Call inside the transaction that changes the facts.
/// </summary>
public static class DataVersions
{
    public static async Task MarkChangedAsync(AppDbContext db, IEnumerable<Quarter> quarters, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = quarters.Select(q => q.Key).Distinct().Order().ToList();
        var existing = await db.QuarterStates.Where(s => keys.Contains(s.QuarterKey)).ToDictionaryAsync(s => s.QuarterKey, cancellationToken);
        foreach (var key in keys)
        {
            if (existing.TryGetValue(key, out var state))
            {
                state.DataVersion++;
                state.DataChangedAt = now;
            }
            else
            {
                db.QuarterStates.Add(new QuarterState { QuarterKey = key, DataVersion = 1, DataChangedAt = now });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
