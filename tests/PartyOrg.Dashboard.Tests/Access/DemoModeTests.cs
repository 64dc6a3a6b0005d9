using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.DemoData;
using PartyOrg.Dashboard.Tests.Infrastructure;
using PartyOrg.Dashboard.Tests.Organisation;

namespace PartyOrg.Dashboard.Tests.Access;

/// <summary>A database without demo data has no demo account (no known password) and no demo banner.</summary>
public sealed class DemoModeTests : IAsyncLifetime
{
    private readonly AppFactory _app = new(seedDemo: false);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task NoDemoDatabase_HasNoDemoAccount_AndTheSignInPageNoBanner()
    {
        var response = await _app.CreateBrowserlessClient().GetAsync("/account/login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("data-testid=\"login-submit\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-banner", html, StringComparison.Ordinal);
        Assert.False(_app.Services.GetRequiredService<DemoMode>().Active);
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var (email, _, _, _) in DemoAccounts.All)
        {
            Assert.Null(await users.FindByEmailAsync(email));
        }
    }
}

/// <summary>The seeded demo app says so on its sign-in page, before anyone signs in.</summary>
[Collection(SeededAppGroup.Name)]
public sealed class DemoBannerTests(SeededAppFixture fixture)
{
    [Fact]
    public async Task DemoDatabase_SignInPage_ShowsTheDemoDataBanner()
    {
        var client = fixture.App.CreateBrowserlessClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("vi-VN");

        var html = await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);

        Assert.True(fixture.App.Services.GetRequiredService<DemoMode>().Active);
        Assert.Contains("data-testid=\"demo-banner\"", html, StringComparison.Ordinal);
        Assert.Contains("Dữ liệu mẫu.", html, StringComparison.Ordinal);
    }
}
