using Microsoft.AspNetCore.Identity;

namespace PartyOrg.Dashboard.Features.Access;

public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>For a DistrictEditor: the code of the unit whose subtree the user may read and edit.</summary>
    public string? ScopeUnitCode { get; set; }
}

public static class Roles
{
    public const string Admin = nameof(Admin);

    /// <summary>Provincial Organization Board analysts (Ban Tổ chức Tỉnh ủy).</summary>
    public const string OrgBoard = nameof(OrgBoard);

    /// <summary>Standing committee members: read-only, whole province.</summary>
    public const string StandingCommittee = nameof(StandingCommittee);

    /// <summary>District staff: read and enter data for one unit's subtree only.</summary>
    public const string DistrictEditor = nameof(DistrictEditor);

    public static IReadOnlyList<string> All { get; } = [Admin, OrgBoard, StandingCommittee, DistrictEditor];
}

/// <summary>A bearer token for the API. Only the SHA-256 of the token is stored.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token text.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The token stops working at this instant (<c>tokens create --days</c>, 90 days by default).</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the token last authenticated a request, to the hour (written at most once an hour).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}
