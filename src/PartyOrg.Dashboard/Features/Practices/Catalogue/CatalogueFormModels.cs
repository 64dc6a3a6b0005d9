namespace PartyOrg.Dashboard.Features.Practices.Catalogue;

/// <summary>What the practice editor binds to; property names match <see cref="PracticeInput"/>'s (problem fields).</summary>
public sealed class PracticeFormModel
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string NameEn { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string? OriginUnitCode { get; set; }

    public DateTime? OriginDate { get; set; }

    public PracticeTarget Target { get; set; } = PracticeTarget.Cells;

    public PracticeInput ToInput() => new()
    {
        Code = Code,
        Name = Name,
        NameEn = NameEn,
        Description = Description,
        OriginUnitCode = OriginUnitCode,
        OriginDate = OriginDate is { } d ? DateOnly.FromDateTime(d) : default,
        Target = Target,
    };

    public static PracticeFormModel From(PracticeRow row) => new()
    {
        Code = row.Code,
        Name = row.Name,
        NameEn = row.NameEn,
        Description = row.Description,
        OriginUnitCode = row.OriginUnitCode,
        OriginDate = row.OriginDate.ToDateTime(TimeOnly.MinValue),
        Target = row.Target,
    };
}

/// <summary>What the adoption editor binds to; property names match <see cref="AdoptionInput"/>'s.</summary>
public sealed class AdoptionFormModel
{
    public string? UnitCode { get; set; }

    public AdoptionStage Stage { get; set; } = AdoptionStage.Adopted;

    public DateTime? StartedOn { get; set; }

    public DateTime? EndedOn { get; set; }

    public string? Notes { get; set; }

    public AdoptionInput ToInput() => new()
    {
        UnitCode = UnitCode ?? string.Empty,
        Stage = Stage,
        StartedOn = StartedOn is { } s ? DateOnly.FromDateTime(s) : default,
        EndedOn = EndedOn is { } e ? DateOnly.FromDateTime(e) : null,
        Notes = Notes,
    };

    public static AdoptionFormModel From(AdoptionRow row) => new()
    {
        UnitCode = row.UnitCode,
        Stage = row.Stage,
        StartedOn = row.StartedOn.ToDateTime(TimeOnly.MinValue),
        EndedOn = row.EndedOn?.ToDateTime(TimeOnly.MinValue),
        Notes = row.Notes,
    };
}
