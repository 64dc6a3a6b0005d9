using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Access;

/// <summary>
/// Sign-in tells nobody which accounts exist, does the same work for unknown accounts, and throttles failures per
/// account, sign-in posts per client address and bad bearer tokens per client address (429 with Retry-After),
/// without letting a stranger keep the owner out past the short window. Time is the app's fake clock.
/// </summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private const string Password = "Correct-Horse-42";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CountingHasher _hasher = new();
    private AppFactory _app = null!;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private AppFactory Start(params (string Key, string Value)[] settings)
    {
        _app = new AppFactory(
            settings: settings.ToDictionary(s => s.Key, s => s.Value),
            services: s =>
            {
                s.AddSingleton<TimeProvider>(_time);
                s.AddSingleton<IPasswordHasher<AppUser>>(_hasher);
            });
        return _app;
    }

    private async Task AddUserAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddUserAsync(email, Roles.OrgBoard, null, Password);
    }

    private async Task<(HttpStatusCode Status, string? Error, int Hashes)> TryAsync(string email, string password)
    {
        var before = _hasher.Verifications;
        var response = await SignInForm.PostAsync(_app.CreateBrowserlessClient(), email, password);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, SignInForm.Error(html), _hasher.Verifications - before);
    }

    [Fact]
    public async Task UnknownAccount_AndWrongPassword_GetTheSameAnswer_AfterTheSameWork()
    {
        Start();
        await AddUserAsync("known@test.vn");

        var unknown = await TryAsync("nobody@test.vn", "Wrong-Horse-00");
        var wrong = await TryAsync("known@test.vn", "Wrong-Horse-00");

        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Equal(unknown.Status, wrong.Status);
        Assert.NotNull(unknown.Error);
        Assert.Equal(unknown.Error, wrong.Error);
        Assert.Equal(1, unknown.Hashes);
        Assert.Equal(1, wrong.Hashes);
    }

    [Fact]
    public async Task DisabledAccount_WithItsRightPassword_GetsTheAnswerOfAWrongPassword()
    {
        Start();
        await AddUserAsync("disabled@test.vn");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().DisableUserAsync("disabled@test.vn");
        }

        var disabled = await TryAsync("disabled@test.vn", Password);
        var unknown = await TryAsync("nobody@test.vn", Password);

        Assert.Equal(unknown, disabled);
    }

    [Fact]
    public async Task StrangersFailures_ThrottleTheAccountWith429_ForTheShortWindowOnly()
    {
        Start(("Access:Throttle:FailuresPerAccount", "3"), ("Access:Throttle:AccountWindowSeconds", "300"));
        await AddUserAsync("victim@test.vn");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await TryAsync("victim@test.vn", "Guess-" + i)).Status);
        }

        var owner = await SignInForm.PostAsync(_app.CreateBrowserlessClient(), "victim@test.vn", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, owner.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(300), owner.Headers.RetryAfter?.Delta);

        _time.Advance(TimeSpan.FromSeconds(300));

        var later = await SignInForm.PostAsync(_app.CreateBrowserlessClient(), "victim@test.vn", Password);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    [Fact]
    public async Task ThrottledUnknownAccount_LooksLikeAThrottledKnownOne()
    {
        Start(("Access:Throttle:FailuresPerAccount", "2"));
        await AddUserAsync("known@test.vn");
        foreach (var email in new[] { "known@test.vn", "nobody@test.vn" })
        {
            await TryAsync(email, "Guess-1");
            await TryAsync(email, "Guess-2");
        }

        var known = await TryAsync("known@test.vn", "Guess-3");
        var unknown = await TryAsync("nobody@test.vn", "Guess-3");

        Assert.Equal(HttpStatusCode.TooManyRequests, known.Status);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task SignInPostsFromOneAddress_OverTheLimit_Get429WithRetryAfter()
    {
        Start(("Access:Throttle:SignInPerClient", "3"), ("Access:Throttle:SignInWindowSeconds", "600"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await TryAsync($"spray{i}@test.vn", "Spring-2026-x")).Status);
        }

        var response = await SignInForm.PostAsync(_app.CreateBrowserlessClient(), "spray9@test.vn", "Spring-2026-x");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(600));
    }

    [Fact]
    public async Task BadBearerTokens_OverTheLimit_Get429_EvenWithAGoodToken_UntilTheWindowEnds()
    {
        Start(("Access:Throttle:BadTokensPerClient", "3"), ("Access:Throttle:BadTokenWindowSeconds", "120"));
        var good = await _app.CreateUserWithTokenAsync("robot@test.vn", Roles.OrgBoard);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetWithTokenAsync("po_guess" + i)).StatusCode);
        }

        var throttled = await GetWithTokenAsync(good);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), throttled.Headers.RetryAfter?.Delta);

        _time.Advance(TimeSpan.FromSeconds(120));

        Assert.Equal(HttpStatusCode.OK, (await GetWithTokenAsync(good)).StatusCode);
    }

    private async Task<HttpResponseMessage> GetWithTokenAsync(string token)
    {
        var client = _app.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/v1/units", TestContext.Current.CancellationToken);
    }

    /// <summary>Identity's hasher, counting how many passwords were verified.</summary>
    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
