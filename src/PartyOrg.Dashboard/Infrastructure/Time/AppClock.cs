namespace PartyOrg.Dashboard.Infrastructure.Time;

/// <summary>The province's clock: "today" and "now" in Asia/Ho_Chi_Minh, from the injected <see cref="TimeProvider"/>.</summary>
public sealed class AppClock(TimeProvider time)
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public TimeProvider TimeProvider => time;

    /// <summary>An instant as the province's wall clock shows it (what every page, message and document prints).</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    public DateTimeOffset Now => ToLocal(time.GetUtcNow());

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    /// <summary>The default quarter of every view: the last one that has ended.</summary>
    public Quarter LastClosedQuarter => Quarter.LastClosed(Today);
}
