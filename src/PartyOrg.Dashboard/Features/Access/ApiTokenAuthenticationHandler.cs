using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Access;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> for the API. Tokens are created by the CLI
/// (<c>tokens create</c>); only their SHA-256 is stored, and a revoked token or a locked-out user fails.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<AppDbContext> contexts,
    IUserClaimsPrincipalFactory<AppUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0)
        {
            return AuthenticateResult.Fail("The bearer token is empty.");
        }

        var hash = ApiTokens.Hash(token);
        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
        var user = await (
            from t in db.ApiTokens
            join u in db.Users on t.UserId equals u.Id
            where t.TokenHash == hash && t.RevokedAt == null
            select u).AsNoTracking().SingleOrDefaultAsync(Context.RequestAborted);
        if (user is null || (user.LockoutEnd is { } end && end > TimeProvider.GetUtcNow()))
        {
            return AuthenticateResult.Fail("The bearer token is not valid.");
        }

        var principal = await principals.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

public static class ApiTokens
{
    /// <summary>A new random token: "po_" and 43 URL-safe characters (256 bits).</summary>
    public static string NewToken() =>
        "po_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
