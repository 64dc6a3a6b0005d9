using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Access;

/// <summary>A bearer token stops working when it expires, is revoked or its user is disabled, at once; a short lockout does not stop it.</summary>
public sealed class ApiTokenLifetimeTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly AppFactory _app;

    public ApiTokenLifetimeTests() => _app = new AppFactory(services: s => s.AddSingleton<TimeProvider>(_time));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<T> AdministerAsync<T>(Func<UserAdministration, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    private async Task<HttpStatusCode> GetAsync(string token)
    {
        var client = _app.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/v1/units", TestContext.Current.CancellationToken)).StatusCode;
    }

    [Fact]
    public async Task Token_WorksUntilItsExpiry_ThenIs401()
    {
        await _app.CreateUserWithTokenAsync("robot@test.vn", Roles.OrgBoard);
        var token = await AdministerAsync(a => a.CreateTokenAsync("robot@test.vn", "one day", days: 1));

        _time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(token));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(token));
    }

    [Fact]
    public async Task Token_ByDefault_LivesNinetyDays()
    {
        var token = await _app.CreateUserWithTokenAsync("robot@test.vn", Roles.OrgBoard);

        _time.Advance(TimeSpan.FromDays(89));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(token));
        _time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(token));
    }

    [Fact]
    public async Task RevokedToken_Is401AtOnce_AndTheUsersOtherTokensStillWork()
    {
        var kept = await _app.CreateUserWithTokenAsync("robot@test.vn", Roles.OrgBoard);
        var leaked = await AdministerAsync(a => a.CreateTokenAsync("robot@test.vn", "leaked"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(leaked));

        var revoked = await AdministerAsync(a => a.RevokeTokensAsync(null, "robot@test.vn", "leaked"));

        Assert.Equal("leaked", Assert.Single(revoked).Name);
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(leaked));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(kept));
    }

    [Fact]
    public async Task DisabledUser_TokensAre401AtOnce_AndWorkAgainWhenEnabled()
    {
        var token = await _app.CreateUserWithTokenAsync("robot@test.vn", Roles.OrgBoard);

        await AdministerAsync(async a => { await a.DisableUserAsync("robot@test.vn"); return 0; });
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(token));

        await AdministerAsync(async a => { await a.EnableUserAsync("robot@test.vn"); return 0; });
        Assert.Equal(HttpStatusCode.OK, await GetAsync(token));
    }

    [Fact]
    public async Task AUserLockedOutForAWhileByWrongTwoFactorCodes_KeepsTheirTokens()
    {
        var token = await _app.CreateUserWithTokenAsync("robot@test.vn", Roles.OrgBoard);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            // What Identity does after five wrong two-factor codes: a lockout of five minutes.
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync("robot@test.vn"))!;
            Assert.True((await users.SetLockoutEndDateAsync(user, _time.GetUtcNow().AddMinutes(5))).Succeeded);
        }

        Assert.Equal(HttpStatusCode.OK, await GetAsync(token));
    }

    [Fact]
    public async Task UsedToken_IsListedWithItsLastUse_AndNeverItsSecret()
    {
        var token = await _app.CreateUserWithTokenAsync("robot@test.vn", Roles.OrgBoard);
        var usedAt = _time.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, await GetAsync(token));

        var listed = Assert.Single(await AdministerAsync(a => a.ListTokensAsync("robot@test.vn")));

        Assert.Equal("tests", listed.Name);
        Assert.Equal(usedAt, listed.LastUsedAt);
        Assert.Equal(usedAt.AddDays(UserAdministration.DefaultTokenDays), listed.ExpiresAt);
        Assert.DoesNotContain(token, listed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiTokens.Hash(token), listed.ToString(), StringComparison.Ordinal);
    }
}
