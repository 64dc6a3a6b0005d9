using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Aggregates;

/// <summary>
/// The one way a writer of facts (import, form, undo, lineage edit) tells the aggregates about it:
/// <see cref="MarkAsync"/> inside the writing transaction moves the quarters' data versions on (so
/// their aggregates read as stale and the per-quarter tree caches are dropped), and
/// <see cref="EnqueueRecomputes"/> after the commit queues one recompute per quarter.
/// </summary>
public sealed class FactChanges(AggregateScheduler scheduler, AppClock clock)
{
    public Task MarkAsync(AppDbContext db, IEnumerable<Quarter> quarters, CancellationToken cancellationToken) =>
        DataVersions.MarkChangedAsync(db, quarters, clock.TimeProvider.GetUtcNow(), cancellationToken);

    public IReadOnlyList<string> EnqueueRecomputes(IEnumerable<Quarter> quarters) =>
        [.. quarters.Distinct().Order().Select(scheduler.EnqueueRecompute)];

    /// <summary>
    /// The quarters a change of the organisation tree effective on <paramref name="effective"/>
    /// touches: its own quarter and every later one up to the last quarter that has data or the
    /// current quarter, whichever is later (trees of later quarters are built from that change).
    /// </summary>
    public async Task<IReadOnlyList<Quarter>> QuartersFromAsync(AppDbContext db, DateOnly effective, CancellationToken cancellationToken)
    {
        var first = Quarter.Containing(effective);
        var lastWithData = await db.QuarterStates.MaxAsync(s => (int?)s.QuarterKey, cancellationToken);
        var current = Quarter.Containing(clock.Today);
        var last = lastWithData is { } key && Quarter.FromKey(key) > current ? Quarter.FromKey(key) : current;
        return first > last ? [first] : [.. Quarter.Range(first, last)];
    }
}
