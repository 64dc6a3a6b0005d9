using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Access;

/// <summary>Creates users and API tokens (CLI <c>users add</c>, <c>tokens create</c>, demo accounts).</summary>
public sealed class UserAdministration(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IDbContextFactory<AppDbContext> contexts,
    TimeProvider time)
{
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
    public async Task<string> CreateTokenAsync(string email, string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new AccessException("a token needs a --name");
        }

        var user = await users.FindByEmailAsync(email) ?? throw new AccessException($"no user with e-mail '{email}'");
        var token = ApiTokens.NewToken();
        await using var db = await contexts.CreateDbContextAsync();
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = name.Trim(), TokenHash = ApiTokens.Hash(token), CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync();
        return token;
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
