using System.ComponentModel.DataAnnotations;

namespace PartyOrg.Dashboard.Features.Briefings.Archive;

/// <summary>The <c>Briefings</c> configuration section: when the quarterly briefings are generated.</summary>
public sealed class BriefingOptions
{
    public const string Section = "Briefings";

    /// <summary>
    /// Days after the quarter's last day on which its briefings are generated (late entries have come
    /// in by then): 5 → 5 January, 5 April, 5 July, 5 October.
    /// </summary>
    [Range(1, 28)]
    public int DaysAfterQuarterEnd { get; set; } = 5;

    /// <summary>How many closed quarters, the latest due one included, the catch-up looks back over.</summary>
    [Range(0, 40)]
    public int CatchUpQuarters { get; set; } = 4;

    /// <summary>Register the recurring jobs and run the catch-up at start-up (off: briefings only on demand).</summary>
    public bool Schedule { get; set; } = true;
}
