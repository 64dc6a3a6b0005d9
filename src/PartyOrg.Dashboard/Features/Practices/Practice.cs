using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Practices;

/// <summary>Which units a model or practice is meant for: the denominator of its coverage.</summary>
public enum PracticeTarget
{
    /// <summary>Committees directly under the province.</summary>
    UpperCommittees = 1,

    /// <summary>Grassroots organisations (đảng bộ cơ sở and chi bộ cơ sở).</summary>
    GrassrootsOrganisations = 2,

    /// <summary>Commune, ward and township committees.</summary>
    CommuneCommittees = 3,

    /// <summary>Units that hold cell meetings (cells and grassroots cells).</summary>
    Cells = 4,
}

/// <summary>A model or practice (mô hình, cách làm) of the catalogue.</summary>
public sealed class Practice : IHasSource
{
    public int Id { get; set; }

    /// <summary>Stable code used in metric keys (<c>practices.coverage.&lt;CODE&gt;</c>).</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public required string NameEn { get; set; }

    public required string Description { get; set; }

    public int? OriginUnitId { get; set; }

    public DateOnly OriginDate { get; set; }

    public PracticeTarget Target { get; set; }

    public int SourceId { get; set; }
}

public enum AdoptionStage
{
    Planned = 1,
    Pilot = 2,
    Adopted = 3,

    /// <summary>Replicated to the unit's sub-units.</summary>
    Replicated = 4,
    Stopped = 5,
}

/// <summary>A unit's take-up of a practice.</summary>
public sealed class Adoption : IHasSource
{
    public int Id { get; set; }

    public int PracticeId { get; set; }

    public int UnitId { get; set; }

    public AdoptionStage Stage { get; set; }

    public DateOnly StartedOn { get; set; }

    public DateOnly? EndedOn { get; set; }

    public string? Notes { get; set; }

    public int SourceId { get; set; }

    /// <summary>Counts towards coverage at <paramref name="date"/>.</summary>
    public bool IsInForceOn(DateOnly date) =>
        Stage is AdoptionStage.Adopted or AdoptionStage.Replicated
        && StartedOn <= date
        && (EndedOn is null || date < EndedOn);
}
