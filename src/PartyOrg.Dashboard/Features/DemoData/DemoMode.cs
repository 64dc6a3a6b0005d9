using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.DemoData;

/// <summary>
/// Whether the database holds the demo data set or its accounts (whose password is published in the README).
/// Found once at start-up (<see cref="DetectAsync"/>); then every page shows the "Dữ liệu mẫu" banner and the
/// app serves on loopback only unless told otherwise.
/// </summary>
public sealed class DemoMode
{
    private static readonly string[] DemoEmails = [.. DemoAccounts.All.Select(a => a.Email.ToUpperInvariant())];

    public bool Active { get; set; }

    /// <summary>Looks for the demo seed's fact source and the demo accounts, and remembers the answer.</summary>
    public async Task<bool> DetectAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Active = await db.FactSources.AnyAsync(s => s.Kind == FactSourceKind.Seed, ct)
            || await db.Users.AnyAsync(u => u.NormalizedEmail != null && DemoEmails.Contains(u.NormalizedEmail), ct);
        return Active;
    }
}
