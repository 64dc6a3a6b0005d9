using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Organisation;

/// <summary>
/// A Party organisation with a stable <see cref="Code"/>. Its name, kind, sector and parent may change
/// over time: each period is an <see cref="OrgUnitVersion"/>. The unit itself exists from
/// <see cref="ValidFrom"/> (inclusive) to <see cref="ValidTo"/> (exclusive; null while it exists).
/// </summary>
public sealed class OrgUnit : IHasSource
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public int SourceId { get; set; }

    public List<OrgUnitVersion> Versions { get; set; } = [];

    public bool IsValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date < ValidTo);
}

/// <summary>One period of a unit's life with a fixed name, kind, sector and parent.</summary>
public sealed class OrgUnitVersion : IHasSource
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public OrgUnit? Unit { get; set; }

    public required string Name { get; set; }

    /// <summary>The name used in charts and breadcrumbs ("Tiểu Cần", "Ấp Chợ Dưới").</summary>
    public required string ShortName { get; set; }

    public UnitKind Kind { get; set; }

    public UnitSector Sector { get; set; }

    public int? ParentId { get; set; }

    public DateOnly ValidFrom { get; set; }

    /// <summary>Exclusive end; null while the version is current.</summary>
    public DateOnly? ValidTo { get; set; }

    public int SourceId { get; set; }

    public bool IsValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date < ValidTo);
}

/// <summary>The kinds of Party organisation (Điều lệ Đảng; DOMAIN.md).</summary>
public enum UnitKind
{
    /// <summary>Đảng bộ tỉnh.</summary>
    Province = 1,

    /// <summary>Đảng bộ trực thuộc Tỉnh ủy: district level or directly subordinate committee.</summary>
    UpperCommittee = 2,

    /// <summary>Đảng bộ cơ sở.</summary>
    GrassrootsCommittee = 3,

    /// <summary>Chi bộ cơ sở (a grassroots organisation with no cells under it).</summary>
    GrassrootsCell = 4,

    /// <summary>Đảng bộ bộ phận.</summary>
    PartialCommittee = 5,

    /// <summary>Chi bộ trực thuộc (a cell under a grassroots or partial committee).</summary>
    Cell = 6,

    /// <summary>Tổ đảng.</summary>
    PartyGroup = 7,
}

/// <summary>What kind of place or body a unit serves.</summary>
public enum UnitSector
{
    None = 0,

    /// <summary>Cấp huyện (huyện, thị xã, thành phố thuộc tỉnh).</summary>
    District = 1,

    /// <summary>Xã.</summary>
    Commune = 2,

    /// <summary>Phường.</summary>
    Ward = 3,

    /// <summary>Thị trấn.</summary>
    Township = 4,

    /// <summary>Cơ quan.</summary>
    Agency = 5,

    /// <summary>Đơn vị sự nghiệp.</summary>
    PublicService = 6,

    /// <summary>Doanh nghiệp.</summary>
    Enterprise = 7,

    /// <summary>Lực lượng vũ trang (quân đội, công an, biên phòng).</summary>
    ArmedForces = 8,

    /// <summary>Ấp, khóm (hamlet cells of a commune).</summary>
    Hamlet = 9,

    /// <summary>Khối (a bloc of agencies and enterprises).</summary>
    Bloc = 10,
}

public static class UnitKindExtensions
{
    /// <summary>Grassroots organisations: đảng bộ cơ sở and chi bộ cơ sở.</summary>
    public static bool IsGrassroots(this UnitKind kind) =>
        kind is UnitKind.GrassrootsCommittee or UnitKind.GrassrootsCell;

    /// <summary>Units that hold cell meetings and have members on their roll.</summary>
    public static bool HoldsMeetings(this UnitKind kind) =>
        kind is UnitKind.Cell or UnitKind.GrassrootsCell;

    public static bool IsCommuneLevel(this UnitSector sector) =>
        sector is UnitSector.Commune or UnitSector.Ward or UnitSector.Township;
}
