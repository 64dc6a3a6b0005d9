using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Briefings.Archive;

/// <summary>One briefing the schedule owes: a quarter and a scope unit's code.</summary>
public sealed record BriefingTask(Quarter Quarter, string ScopeCode);

/// <summary>
/// When briefings are due, as pure functions of the province's date: a quarter's briefings fall due
/// <see cref="BriefingOptions.DaysAfterQuarterEnd"/> days after its last day, and the catch-up owes every
/// due quarter of the look-back window whose briefing is missing.
/// </summary>
public sealed class BriefingSchedule(int daysAfterQuarterEnd, int catchUpQuarters)
{
    public BriefingSchedule(BriefingOptions options)
        : this(options.DaysAfterQuarterEnd, options.CatchUpQuarters)
    {
    }

    /// <summary>The day a quarter's briefings are generated.</summary>
    public DateOnly DueDate(Quarter quarter) => quarter.End.AddDays(daysAfterQuarterEnd);

    /// <summary>The latest quarter whose briefings are due on <paramref name="today"/>.</summary>
    public Quarter LatestDue(DateOnly today)
    {
        var closed = Quarter.LastClosed(today);
        return today >= DueDate(closed) ? closed : closed.Previous;
    }

    /// <summary>The quarter the quarterly run generates on <paramref name="today"/>: the one just closed, once due.</summary>
    public Quarter? QuarterlyRun(DateOnly today)
    {
        var closed = Quarter.LastClosed(today);
        return today >= DueDate(closed) ? closed : null;
    }

    /// <summary>The due quarters the catch-up looks at on <paramref name="today"/>, oldest first.</summary>
    public IReadOnlyList<Quarter> CatchUpWindow(DateOnly today) =>
        catchUpQuarters <= 0 ? [] : [.. LatestDue(today).Window(catchUpQuarters)];

    /// <summary>
    /// The briefings owed: for each quarter that has data, each of its scopes that has no archived
    /// version yet, in quarter order and the scopes' order.
    /// </summary>
    public static IReadOnlyList<BriefingTask> Missing(
        IEnumerable<Quarter> quarters,
        IReadOnlySet<Quarter> withData,
        Func<Quarter, IReadOnlyList<string>> scopesOf,
        IReadOnlySet<(Quarter Quarter, string ScopeCode)> archived) =>
        [.. quarters
            .Where(withData.Contains)
            .SelectMany(q => scopesOf(q).Select(code => new BriefingTask(q, code)))
            .Where(t => !archived.Contains((t.Quarter, t.ScopeCode)))];
}
