using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Organisation;

public enum LineageKind
{
    /// <summary>The predecessor was merged into the successor (the predecessor ends).</summary>
    Merge = 1,

    /// <summary>The predecessor was split; one event per successor.</summary>
    Split = 2,

    /// <summary>The unit got a new name (predecessor and successor are the same unit).</summary>
    Rename = 3,

    /// <summary>The unit moved under another parent (predecessor and successor are the same unit).</summary>
    Move = 4,

    /// <summary>The unit ended without a successor.</summary>
    Dissolve = 5,
}

/// <summary>
/// A link in a unit's history, effective on <see cref="EffectiveDate"/>. A merge of A and B into C is
/// two events (A→C, B→C); a split of A into B and C is two events (A→B, A→C).
/// </summary>
public sealed class LineageEvent : IHasSource
{
    public int Id { get; set; }

    public LineageKind Kind { get; set; }

    public DateOnly EffectiveDate { get; set; }

    public int PredecessorId { get; set; }

    public int? SuccessorId { get; set; }

    public string? Note { get; set; }

    public int SourceId { get; set; }
}
