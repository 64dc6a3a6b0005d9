using PartyOrg.Dashboard.Features.Organisation;

namespace PartyOrg.Dashboard.Features.DemoData;

/// <summary>What a unit that holds members is, for the sizes and habits the generators give it.</summary>
internal enum CellRole
{
    None = 0,
    Hamlet,
    CommuneAgency,
    CommuneSchool,
    CommuneArmed,
    Agency,
    PublicService,
    Enterprise,
    Armed,
}

/// <summary>One period of a generated unit (becomes an <see cref="OrgUnitVersion"/>).</summary>
internal sealed class DemoPeriod(DateOnly from, string name, string shortName, UnitKind kind, UnitSector sector, DemoUnit? parent)
{
    public DateOnly From { get; } = from;

    public DateOnly? To { get; set; }

    public string Name { get; } = name;

    public string ShortName { get; } = shortName;

    public UnitKind Kind { get; } = kind;

    public UnitSector Sector { get; } = sector;

    public DemoUnit? Parent { get; } = parent;
}

/// <summary>A unit while the data set is generated: its history and the traits that shape its facts.</summary>
internal sealed class DemoUnit
{
    public DemoUnit(int id, string code, DateOnly validFrom, DemoPeriod first)
    {
        Id = id;
        Code = code;
        ValidFrom = validFrom;
        Periods.Add(first);
    }

    public int Id { get; }

    public string Code { get; }

    public DateOnly ValidFrom { get; }

    public DateOnly? ValidTo { get; private set; }

    public List<DemoPeriod> Periods { get; } = [];

    public DemoPeriod Current => Periods[^1];

    public UnitKind Kind => Current.Kind;

    /// <summary>The pre-2025 district (or directly subordinate committee) the unit belongs to: its region for the facts.</summary>
    public DemoUnit? Upper { get; set; }

    public DistrictSpec? District { get; set; }

    /// <summary>For a commune-level committee: "CL:An Trường"; for its cells, the commune.</summary>
    public string? CommuneKey { get; set; }

    public DemoUnit? Commune { get; set; }

    public CellRole Role { get; set; }

    public bool Struggling { get; set; }

    /// <summary>A cell kept under 10 members (a merge candidate of practice M01).</summary>
    public bool Tiny { get; set; }

    /// <summary>The unit's own level of meeting quality, 0–1, before trends.</summary>
    public double Quality { get; set; }

    public bool InCovidZone { get; set; }

    public bool IsHolder => Kind.HoldsMeetings();

    public bool IsValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date < ValidTo);

    public DemoPeriod PeriodOn(DateOnly date) => Periods.Last(p => p.From <= date);

    /// <summary>Starts a new period (a move or a rename) on <paramref name="date"/>.</summary>
    public void Change(DateOnly date, string? name = null, string? shortName = null, DemoUnit? parent = null, UnitKind? kind = null, UnitSector? sector = null)
    {
        var current = Current;
        current.To = date;
        Periods.Add(new DemoPeriod(date, name ?? current.Name, shortName ?? current.ShortName, kind ?? current.Kind, sector ?? current.Sector, parent ?? current.Parent));
    }

    public void End(DateOnly date)
    {
        ValidTo = date;
        Current.To = date;
    }
}
