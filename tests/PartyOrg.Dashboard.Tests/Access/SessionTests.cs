using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Access;

/// <summary>
/// Sign-out, a new password, another role and disabling end every session of the user within a minute; an idle
/// session ends after the idle timeout and any session after the absolute lifetime. Time is the app's fake clock.
/// </summary>
public sealed class SessionTests : IAsyncLifetime
{
    private const string Password = "Correct-Horse-42";
    private static readonly TimeSpan PastValidation = TimeSpan.FromSeconds(61);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly AppFactory _app;

    public SessionTests() =>
        _app = new AppFactory(services: s => s.AddSingleton<TimeProvider>(_time));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task AddUserAsync(string email, string role = Roles.OrgBoard)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddUserAsync(email, role, null, Password);
    }

    private async Task AdministerAsync(Func<UserAdministration, Task> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    private async Task<string> SignInAsync(string email) =>
        await SignInForm.SignInAsync(_app.CreateBrowserlessClient(), email, Password);

    private HttpClient Replay(string cookie) =>
        SignInForm.Replaying(_app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }), cookie);

    private static Task<HttpResponseMessage> GetApiAsync(HttpClient client) =>
        client.GetAsync("/api/v1/units", TestContext.Current.CancellationToken);

    [Fact]
    public async Task CookieCopiedBeforeSignOut_AMinuteLater_Is401OnTheApiAndRedirectsOnAPage()
    {
        await AddUserAsync("leaver@test.vn");
        await AddUserAsync("stayer@test.vn");
        var browser = _app.CreateBrowserlessClient();
        var copied = await SignInForm.SignInAsync(browser, "leaver@test.vn", Password);
        var other = await SignInAsync("stayer@test.vn");
        Assert.Equal(HttpStatusCode.OK, (await GetApiAsync(Replay(copied))).StatusCode);

        await SignInForm.SignOutAsync(browser);
        _time.Advance(PastValidation);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetApiAsync(Replay(copied))).StatusCode);
        var page = await Replay(copied).GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // Another user's session, as old, still works: the copied cookie failed because of the sign-out.
        Assert.Equal(HttpStatusCode.OK, (await GetApiAsync(Replay(other))).StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheUsersOtherSessionsToo()
    {
        await AddUserAsync("two-devices@test.vn");
        var laptop = _app.CreateBrowserlessClient();
        await SignInForm.SignInAsync(laptop, "two-devices@test.vn", Password);
        var phone = await SignInAsync("two-devices@test.vn");

        await SignInForm.SignOutAsync(laptop);
        _time.Advance(PastValidation);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetApiAsync(Replay(phone))).StatusCode);
    }

    [Fact]
    public async Task NewPassword_EndsTheSessionsWithinAMinute()
    {
        await AddUserAsync("forgetful@test.vn");
        var cookie = await SignInAsync("forgetful@test.vn");

        await AdministerAsync(a => a.SetPasswordAsync("forgetful@test.vn", "Another-Horse-43"));
        _time.Advance(PastValidation);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetApiAsync(Replay(cookie))).StatusCode);
    }

    [Fact]
    public async Task AnotherRole_EndsTheSessionsWithinAMinute()
    {
        await AddUserAsync("promoted@test.vn", Roles.StandingCommittee);
        var cookie = await SignInAsync("promoted@test.vn");

        await AdministerAsync(a => a.SetRoleAsync("promoted@test.vn", Roles.OrgBoard, null));
        _time.Advance(PastValidation);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetApiAsync(Replay(cookie))).StatusCode);
    }

    [Fact]
    public async Task DisabledUser_LosesTheSessionWithinAMinute_AndCannotSignInAgain()
    {
        await AddUserAsync("gone@test.vn");
        var cookie = await SignInAsync("gone@test.vn");

        await AdministerAsync(a => a.DisableUserAsync("gone@test.vn"));
        _time.Advance(PastValidation);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetApiAsync(Replay(cookie))).StatusCode);
        var again = await SignInForm.PostAsync(_app.CreateBrowserlessClient(), "gone@test.vn", Password);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotNull(SignInForm.Error(await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task IdleSession_PastTheIdleTimeout_IsRefused()
    {
        await AddUserAsync("idle@test.vn");
        var cookie = await SignInAsync("idle@test.vn");

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await GetApiAsync(Replay(cookie))).StatusCode);
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetApiAsync(Replay(cookie))).StatusCode);
    }

    [Fact]
    public async Task BusySession_LastsUntilTheAbsoluteLifetime_ThenIsRefused()
    {
        await AddUserAsync("busy@test.vn");
        var browser = _app.CreateBrowserlessClient();
        await SignInForm.SignInAsync(browser, "busy@test.vn", Password);

        // A request every 20 minutes keeps the sliding 30-minute session alive, up to 8 hours after the sign-in.
        for (var elapsed = TimeSpan.FromMinutes(20); elapsed < TimeSpan.FromHours(8); elapsed += TimeSpan.FromMinutes(20))
        {
            _time.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await GetApiAsync(browser)).StatusCode);
        }

        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetApiAsync(browser)).StatusCode);
    }

    [Fact]
    public async Task OpenCircuit_LosesItsPrincipal_WhenTheStampChanges()
    {
        await AddUserAsync("circuit@test.vn");
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync("circuit@test.vn"))!;
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user);
        // The provider the app's circuits get, as registered, not one made here.
        var provider = Assert.IsType<IdentityRevalidatingAuthenticationStateProvider>(
            scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>());
        Assert.True(await provider.IsCurrentAsync(principal));

        await AdministerAsync(a => a.DisableUserAsync("circuit@test.vn"));

        Assert.False(await provider.IsCurrentAsync(principal));
    }

    [Theory]
    [InlineData("Access:Session:IdleTimeout", "00:00:10", "IdleTimeout")]
    [InlineData("Access:Session:AbsoluteLifetime", "00:10:00", "AbsoluteLifetime")]
    [InlineData("Access:Session:ValidationInterval", "00:05:00", "ValidationInterval")]
    public async Task SessionOptions_OutOfRange_StopTheStartNamingTheSetting(string key, string value, string named)
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => app.Server);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
