using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Access;

/// <summary>
/// Two-factor sign-in end to end over HTTP: enrol with the key the page shows, then a password alone no longer
/// signs in; an authenticator code or a recovery code (once) does. Codes follow the real clock, as Identity's do.
/// </summary>
public sealed partial class TwoFactorTests : IAsyncLifetime
{
    private const string Email = "careful@test.vn";
    private const string Password = "Correct-Horse-42";

    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddUserAsync(Email, Roles.Admin, null, Password);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync()
    {
        var browser = _app.CreateBrowserlessClient();
        await SignInForm.SignInAsync(browser, Email, Password);
        var page = await browser.GetStringAsync("/account/two-factor", TestContext.Current.CancellationToken);
        var key = KeyShown().Match(page).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.NotEmpty(key);

        var enabled = await SignInForm.PostFormAsync(browser, "/account/two-factor", "enable", ("Input.Code", Totp(key)));

        var html = await enabled.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var codes = RecoveryCodeShown().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(TwoFactor.RecoveryCodeCount, codes.Count);
        return (key, codes);
    }

    private static async Task<HttpStatusCode> ApiAsync(HttpClient client) =>
        (await client.GetAsync("/api/v1/units", TestContext.Current.CancellationToken)).StatusCode;

    [Fact]
    public async Task AfterEnrolment_ThePasswordLeadsToTheCodeStep_AndOnlyTheCodeSignsIn()
    {
        var (key, _) = await EnrolAsync();
        var browser = _app.CreateBrowserlessClient();

        var password = await SignInForm.PostAsync(browser, Email, Password);

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Contains("/account/login/code?ReturnUrl=", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(browser));

        var wrong = await SignInForm.PostFormAsync(browser, "/account/login/code", "code", ("Input.Code", Totp(key) == "000000" ? "111111" : "000000"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(browser));

        var right = await SignInForm.PostFormAsync(browser, "/account/login/code", "code", ("Input.Code", Totp(key)));

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(browser));
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        var (_, codes) = await EnrolAsync();

        var first = _app.CreateBrowserlessClient();
        await SignInForm.PostAsync(first, Email, Password);
        var used = await SignInForm.PostFormAsync(first, "/account/login/code", "code", ("Input.Code", codes[0]));
        var second = _app.CreateBrowserlessClient();
        await SignInForm.PostAsync(second, Email, Password);
        var again = await SignInForm.PostFormAsync(second, "/account/login/code", "code", ("Input.Code", codes[0]));

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(first));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(second));
    }

    [Fact]
    public async Task CodeStep_WithoutAPasswordFirst_SignsNobodyIn()
    {
        var (key, _) = await EnrolAsync();
        var stranger = _app.CreateBrowserlessClient();

        var response = await SignInForm.PostFormAsync(stranger, "/account/login/code", "code", ("Input.Code", Totp(key)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiAsync(stranger));
    }

    [Fact]
    public async Task Reset_LetsThePasswordAloneSignInAgain()
    {
        await EnrolAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().ResetTwoFactorAsync(Email);
        }

        var browser = _app.CreateBrowserlessClient();
        var password = await SignInForm.PostAsync(browser, Email, Password);

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.DoesNotContain("/account/login/code", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await ApiAsync(browser));
    }

    /// <summary>RFC 6238 with Identity's parameters: HMAC-SHA1, 30-second steps, 6 digits.</summary>
    private static string Totp(string base32Key)
    {
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 as authenticator apps and Identity compute it: HMAC-SHA1.
        var hash = HMACSHA1.HashData(Base32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant().TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex("data-testid=\"totp-key\">([^<]+)<")]
    private static partial Regex KeyShown();

    [GeneratedRegex("data-testid=\"recovery-code\">([^<]+)<")]
    private static partial Regex RecoveryCodeShown();
}
