using System.Globalization;
using PartyOrg.Dashboard.Infrastructure;

namespace PartyOrg.Dashboard.Features.Aggregates;

/// <summary>
/// Who holds a quarter's recompute lease, stored in <see cref="QuarterState.LeaseOwner"/> as
/// <c>node|process|since (unix seconds)|token</c>: the node and process, so that a message can name them and a dead
/// process of this node is recognised at once, the time it was taken, and a random token that makes each run unique.
/// </summary>
public sealed record LeaseHolder(string Node, int ProcessId, DateTimeOffset Since, string Token)
{
    public static LeaseHolder For(AppNode node, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new(node.Name, node.ProcessId, DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()), Guid.NewGuid().ToString("N")[..8]);
    }

    /// <summary>The stored form (at most 52 characters: the column holds 64).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Node}|{ProcessId}|{Since.ToUnixTimeSeconds()}|{Token}");

    /// <summary>The holder a stored value names, or null for a value in another form (a lease taken by an older version).</summary>
    public static LeaseHolder? Parse(string? stored)
    {
        var parts = stored?.Split('|');
        return parts is [var node, var pid, var since, var token]
            && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
            && long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? new LeaseHolder(node, processId, DateTimeOffset.FromUnixTimeSeconds(seconds), token)
                : null;
    }
}
