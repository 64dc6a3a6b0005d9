using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Jobs;

/// <summary>
/// A Hangfire display name whose argument <see cref="QuarterArgument"/> is a quarter key (20244) shown as the
/// quarter's name ("Quý IV/2024"), like the rest of the Vietnamese job titles; the other arguments are formatted as
/// <see cref="JobDisplayNameAttribute"/> formats them.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class QuarterJobDisplayNameAttribute(string displayName, int quarterArgument) : JobDisplayNameAttribute(displayName)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The position of the quarter key among the job's arguments.</summary>
    public int QuarterArgument { get; } = quarterArgument;

    public override string Format(DashboardContext context, Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var args = job.Args.ToArray();
        if (QuarterArgument < args.Length && args[QuarterArgument] is int key && key / 10 > 0 && key % 10 is >= 1 and <= 4)
        {
            args[QuarterArgument] = Quarter.FromKey(key).ToDisplayString(Vietnamese);
        }

        return string.Format(CultureInfo.CurrentCulture, DisplayName, args);
    }
}
