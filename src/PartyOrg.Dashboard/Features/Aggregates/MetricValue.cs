namespace PartyOrg.Dashboard.Features.Aggregates;

/// <summary>
/// One stored metric of one unit in one quarter, over the unit's subtree as it stood then. Every metric
/// keeps its numerator and denominator, so a parent is the sum of its children (never an average of
/// percentages); the value is <see cref="Numerator"/> ÷ <see cref="Denominator"/>, or null when the
/// denominator is 0 (such rows are not stored at all).
/// </summary>
public sealed class MetricValue
{
    public int QuarterKey { get; set; }

    public int UnitId { get; set; }

    public required string Key { get; set; }

    public double Numerator { get; set; }

    public double Denominator { get; set; }

    /// <summary>A survey result from fewer than 5 responses: kept for the parents' sums, never shown.</summary>
    public bool Suppressed { get; set; }
}

/// <summary>The freshness of one quarter: the version of its facts and of its aggregates.</summary>
public sealed class QuarterState
{
    public int QuarterKey { get; set; }

    /// <summary>Changes whenever a fact of the quarter changes (import, form, lineage edit, seed).</summary>
    public long DataVersion { get; set; }

    public DateTimeOffset DataChangedAt { get; set; }

    /// <summary>The <see cref="DataVersion"/> the stored aggregates were computed from; null before the first run.</summary>
    public long? ComputedVersion { get; set; }

    public DateTimeOffset? ComputedAt { get; set; }

    public double? ComputeSeconds { get; set; }

    /// <summary>A short lease so that two recomputes of one quarter never run at once.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Unix milliseconds (comparable on every provider).</summary>
    public long? LeaseUntil { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }

    public bool IsStale => ComputedVersion != DataVersion;
}
