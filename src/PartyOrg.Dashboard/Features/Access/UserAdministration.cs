using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Access;

/// <summary>A token as listed: never its secret.</summary>
public sealed record ApiTokenInfo(int Id, string Email, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Users and API tokens (CLI <c>users</c> and <c>tokens</c>, demo accounts). Whatever changes what a user may do
/// (disabled, a new password, another role or scope) changes their security stamp, which ends their sessions
/// within <see cref="SessionOptions.ValidationInterval"/>; each change is audited.
/// </summary>
public sealed class UserAdministration(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IDbContextFactory<AppDbContext> contexts,
    AuditLog audit,
    TimeProvider time)
{
    public const int DefaultTokenDays = 90;

    public const int MaxTokenDays = 3650;

    /// <summary>
    /// A disabled user is locked out for good. The only other lockout is short (five wrong two-factor codes, five
    /// minutes); password failures are throttled instead.
    /// </summary>
    public static bool IsDisabled(AppUser user) => user.LockoutEnd == DateTimeOffset.MaxValue;

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }
    }

    /// <exception cref="AccessException">The request is invalid (unknown role, missing scope, weak password, duplicate e-mail).</exception>
    public async Task<AppUser> AddUserAsync(string email, string role, string? scopeCode, string password, string? displayName = null)
    {
        var knownRole = await CheckRoleAndScopeAsync(role, scopeCode);
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw new AccessException($"a user with e-mail '{email}' already exists");
        }

        await EnsureRolesAsync();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, ScopeUnitCode = scopeCode, DisplayName = displayName };
        Check(await users.CreateAsync(user, password), $"user {email}");
        Check(await users.AddToRoleAsync(user, knownRole), $"role of {email}");
        return user;
    }

    /// <returns>The token text, shown once; only its hash is stored.</returns>
    public async Task<string> CreateTokenAsync(string email, string name, int days = DefaultTokenDays, string actor = "cli")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new AccessException("a token needs a --name");
        }

        if (name.Trim().Length > 100)
        {
            throw new AccessException("a token's --name has at most 100 characters");
        }

        if (days is < 1 or > MaxTokenDays)
        {
            throw new AccessException($"bad --days {days}: a token lives from 1 to {MaxTokenDays} days");
        }

        var user = await FindAsync(email);
        var token = ApiTokens.NewToken();
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync();
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = name.Trim(), TokenHash = ApiTokens.Hash(token), CreatedAt = now, ExpiresAt = now.AddDays(days) });
        audit.Record(db, actor, AuditAction.AccessEdit, user.Email!, details: $"token '{name.Trim()}' created, expires {now.AddDays(days):yyyy-MM-dd HH:mm} UTC");
        await db.SaveChangesAsync();
        return token;
    }

    /// <summary>Every token, or one user's, newest first; never the secret.</summary>
    public async Task<IReadOnlyList<ApiTokenInfo>> ListTokensAsync(string? email = null)
    {
        var userId = email is null ? null : (await FindAsync(email)).Id;
        await using var db = await contexts.CreateDbContextAsync();
        var rows = await (
            from t in db.ApiTokens
            join u in db.Users on t.UserId equals u.Id
            where userId == null || t.UserId == userId
            orderby t.Id descending
            select new ApiTokenInfo(t.Id, u.Email!, t.Name, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt)).AsNoTracking().ToListAsync();
        return rows;
    }

    /// <summary>Revokes one token by id, or a user's active tokens of that name. Revoking works at once.</summary>
    /// <returns>The tokens revoked.</returns>
    public async Task<IReadOnlyList<ApiTokenInfo>> RevokeTokensAsync(int? id, string? email, string? name, string actor = "cli")
    {
        if (id is null == (name is null))
        {
            throw new AccessException("give either --id N or --email E --name N");
        }

        var userId = email is null ? null : (await FindAsync(email)).Id;
        if (name is not null && userId is null)
        {
            throw new AccessException("revoking by --name needs the user's --email");
        }

        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync();
        var found = await db.ApiTokens
            .Where(t => id != null ? t.Id == id : t.UserId == userId && t.Name == name!.Trim())
            .Where(t => t.RevokedAt == null)
            .ToListAsync();
        if (found.Count == 0)
        {
            throw new AccessException(id is not null ? $"no unrevoked token with id {id}" : $"no unrevoked token named '{name}' for {email}");
        }

        var owners = await db.Users.Where(u => found.Select(t => t.UserId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email!);
        foreach (var token in found)
        {
            token.RevokedAt = now;
            audit.Record(db, actor, AuditAction.AccessEdit, owners[token.UserId], details: $"token #{token.Id} '{token.Name}' revoked");
        }

        await db.SaveChangesAsync();
        return found.Select(t => new ApiTokenInfo(t.Id, owners[t.UserId], t.Name, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt)).ToList();
    }

    /// <summary>The user can no longer sign in; their tokens fail at once and their sessions within a minute.</summary>
    public async Task DisableUserAsync(string email, string actor = "cli")
    {
        var user = await FindAsync(email);
        Check(await users.SetLockoutEnabledAsync(user, true), $"user {email}");
        Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue), $"user {email}");
        await EndSessionsAsync(user, actor, "disabled");
    }

    public async Task EnableUserAsync(string email, string actor = "cli")
    {
        var user = await FindAsync(email);
        Check(await users.SetLockoutEndDateAsync(user, null), $"user {email}");
        Check(await users.ResetAccessFailedCountAsync(user), $"user {email}");
        await AuditAsync(actor, user, "enabled");
    }

    /// <summary>Sets a new password (an administrator's reset); every session of the user ends.</summary>
    public async Task SetPasswordAsync(string email, string password, string actor = "cli")
    {
        var user = await FindAsync(email);
        var reset = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, reset, password), $"password of {email}");
        await EndSessionsAsync(user, actor, "password set");
    }

    /// <summary>Gives the user another role (and scope); every session of the user ends.</summary>
    public async Task SetRoleAsync(string email, string role, string? scopeCode, string actor = "cli")
    {
        var user = await FindAsync(email);
        var knownRole = await CheckRoleAndScopeAsync(role, scopeCode);
        await EnsureRolesAsync();
        Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)), $"roles of {email}");
        Check(await users.AddToRoleAsync(user, knownRole), $"role of {email}");
        user.ScopeUnitCode = string.IsNullOrWhiteSpace(scopeCode) ? null : scopeCode;
        Check(await users.UpdateAsync(user), $"user {email}");
        await EndSessionsAsync(user, actor, $"role {knownRole}{(user.ScopeUnitCode is null ? string.Empty : $", scope {user.ScopeUnitCode}")}");
    }

    /// <summary>
    /// Turns two-factor sign-in off for a user who lost their authenticator app and recovery codes: a new key, no
    /// recovery codes; every session of the user ends. They can enrol again after signing in with the password.
    /// </summary>
    public async Task ResetTwoFactorAsync(string email, string actor = "cli")
    {
        var user = await FindAsync(email);
        Check(await users.SetTwoFactorEnabledAsync(user, false), $"user {email}");
        Check(await users.ResetAuthenticatorKeyAsync(user), $"user {email}");
        _ = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0) ?? throw new AccessException($"user {email}: the recovery codes could not be cleared");
        await EndSessionsAsync(user, actor, "two-factor sign-in reset");
    }

    private async Task EndSessionsAsync(AppUser user, string actor, string what)
    {
        Check(await users.UpdateSecurityStampAsync(user), $"user {user.Email}");
        await AuditAsync(actor, user, what);
    }

    private async Task AuditAsync(string actor, AppUser user, string what)
    {
        await using var db = await contexts.CreateDbContextAsync();
        audit.Record(db, actor, AuditAction.AccessEdit, user.Email!, details: $"user {what}");
        await db.SaveChangesAsync();
    }

    private async Task<AppUser> FindAsync(string email) =>
        await users.FindByEmailAsync(email.Trim()) ?? throw new AccessException($"no user with e-mail '{email}'");

    private async Task<string> CheckRoleAndScopeAsync(string role, string? scopeCode)
    {
        var knownRole = Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase))
            ?? throw new AccessException($"unknown role '{role}'; use one of {string.Join(", ", Roles.All)}");
        if (knownRole == Roles.DistrictEditor && string.IsNullOrWhiteSpace(scopeCode))
        {
            throw new AccessException("a DistrictEditor needs --scope UNITCODE (the unit whose subtree they may edit)");
        }

        if (knownRole != Roles.DistrictEditor && !string.IsNullOrWhiteSpace(scopeCode))
        {
            throw new AccessException($"--scope applies to DistrictEditor only; a {knownRole} sees the whole province");
        }

        if (scopeCode is not null)
        {
            await using var db = await contexts.CreateDbContextAsync();
            if (!await db.Units.AnyAsync(u => u.Code == scopeCode))
            {
                throw new AccessException($"unknown unit code '{scopeCode}' for --scope");
            }
        }

        return knownRole;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new AccessException($"{what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

public sealed class AccessException(string message) : Exception(message);
