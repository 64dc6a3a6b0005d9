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
/// (<c>tokens create</c>); only their SHA-256 is stored. A revoked or expired token, or a disabled user, fails at
/// once. A client address that sent <see cref="ThrottleOptions.BadTokensPerClient"/> bad tokens in the window gets
/// 429 with <c>Retry-After</c> for every bearer request until the window ends, good tokens included, so guessing
/// gains nothing.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<AppDbContext> contexts,
    IUserClaimsPrincipalFactory<AppUser> principals,
    FailureThrottle throttle,
    IOptions<ThrottleOptions> throttleOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromHours(1);

    private TimeSpan? _throttled;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var limits = throttleOptions.Value;
        var client = "bearer:" + FailureThrottle.ClientKey(Context);
        if (throttle.RetryAfter(client, limits.BadTokensPerClient, limits.BadTokenWindow) is { } wait)
        {
            _throttled = wait;
            return AuthenticateResult.Fail("Too many bad bearer tokens from this address.");
        }

        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0)
        {
            throttle.RecordFailure(client, limits.BadTokenWindow);
            return AuthenticateResult.Fail("The bearer token is empty.");
        }

        var hash = ApiTokens.Hash(token);
        var now = TimeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
        var found = await (
            from t in db.ApiTokens
            join u in db.Users on t.UserId equals u.Id
            where t.TokenHash == hash
            select new { Token = t, User = u }).AsNoTracking().SingleOrDefaultAsync(Context.RequestAborted);
        // A disabled user's tokens stop at once. A short lockout (five wrong two-factor codes) does not stop them:
        // a stranger with the password could otherwise switch off a user's integrations.
        if (found is null || !found.Token.IsActive(now) || UserAdministration.IsDisabled(found.User))
        {
            throttle.RecordFailure(client, limits.BadTokenWindow);
            return AuthenticateResult.Fail("The bearer token is not valid.");
        }

        if (found.Token.LastUsedAt is not { } used || now - used >= LastUsedResolution)
        {
            await db.ApiTokens.Where(t => t.Id == found.Token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var user = found.User;
        var principal = await principals.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_throttled is { } wait)
        {
            FailureThrottle.Refuse(Response, wait);
            return Task.CompletedTask;
        }

        return base.HandleChallengeAsync(properties);
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
