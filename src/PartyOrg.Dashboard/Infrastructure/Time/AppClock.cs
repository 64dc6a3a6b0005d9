namespace PartyOrg.Dashboard.Infrastructure.Time;

/// <summary>The province's clock: "today" and "now" in Asia/Ho_Chi_Minh, from the injected <see cref="TimeProvider"/>.</summary>
public sealed class AppClock(TimeProvider time)
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public TimeProvider TimeProvider => time;

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    /// <summary>The default quarter of every view: the last one that has ended.</summary>
    public Quarter LastClosedQuarter => Quarter.LastClosed(Today);
}
