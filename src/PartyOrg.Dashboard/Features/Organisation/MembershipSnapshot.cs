using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Organisation;

/// <summary>
/// The roll of one unit that holds members (a cell or a grassroots cell) at the end of a quarter.
/// Higher levels are sums over their subtree as it stood in that quarter.
/// </summary>
public sealed class MembershipSnapshot : IHasSource
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    /// <summary>The quarter as yyyyq (see <c>Quarter.Key</c>).</summary>
    public int QuarterKey { get; set; }

    public int Members { get; set; }

    /// <summary>Members exempt from work and meetings (miễn công tác và sinh hoạt đảng).</summary>
    public int Exempt { get; set; }

    public int Probationary { get; set; }

    public int Women { get; set; }

    public int EthnicMinority { get; set; }

    public int SourceId { get; set; }

    /// <summary>The attendance base: members − exempt.</summary>
    public int Eligible => Members - Exempt;
}
