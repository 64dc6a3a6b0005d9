using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Briefings.Archive;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Infrastructure;
using PartyOrg.Dashboard.Tests.Organisation;

namespace PartyOrg.Dashboard.Tests.Access;

/// <summary>
/// Every malformed parameter of every API endpoint and of the pages that read <c>quarter</c>, <c>unit</c>, <c>metric</c>,
/// <c>from</c>, <c>to</c>, <c>page</c>, <c>pageSize</c>, <c>culture</c>, <c>redirectUri</c>, <c>code</c> or <c>id</c>, with
/// the exact status it answers: a clear 4xx for the API (problem+json), never 500. Pages that fall back to the default
/// quarter (or say on the page that a unit or run is not there) answer 200. Signed in as an Admin by bearer token, so
/// that no role check hides a parsing error.
/// </summary>
public sealed class MalformedInputTests : IAsyncLifetime
{
    private static readonly string LongCode = new('X', 300);

    private readonly AppFactory _app = new();
    private HttpClient _admin = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int> Requests => new()
    {
        // /api/v1/units
        { "/api/v1/units?quarter=9999-Q4", 400 },
        { "/api/v1/units?quarter=２０２４-Q4", 400 },
        { "/api/v1/units?quarter=1900-Q1", 400 },
        { "/api/v1/units?quarter=2024-Q5", 400 },
        { "/api/v1/units?quarter=2024-Q4x", 400 },
        { "/api/v1/units?quarter=%00", 400 },
        { "/api/v1/units?quarter=2024-Q4&parent=NOPE", 404 },
        { $"/api/v1/units?quarter=2024-Q4&parent={LongCode}", 404 },
        { "/api/v1/units/NOPE/structure?quarter=2024-Q4", 404 },
        { "/api/v1/units/CM/structure?quarter=9999-Q4", 400 },
        { "/api/v1/units/CM/structure?quarter=٢٠٢٤-Q4", 400 },
        { "/api/v1/units/CM/metrics?quarter=２０２４-Q4", 400 },
        { "/api/v1/units/CM/metrics?quarter=9999-Q4", 400 },
        { "/api/v1/units/CM/metrics?quarter=2024-Q4&keys=nope", 400 },
        { $"/api/v1/units/{LongCode}/metrics?quarter=2024-Q4", 404 },
        { "/api/v1/units/CM/metrics/series?key=members.total&to=1900-Q1", 400 },
        { "/api/v1/units/CM/metrics/series?key=members.total&to=9999-Q4", 400 },
        { "/api/v1/units/CM/metrics/series?key=members.total&from=9999-Q4", 400 },
        { "/api/v1/units/CM/metrics/series?key=members.total&from=２０２４-Q1", 400 },
        { "/api/v1/units/CM/metrics/series?key=members.total&from=2000-Q1&to=2100-Q4", 400 },
        { "/api/v1/units/CM/metrics/series?key=members.total&from=2025-Q2&to=2024-Q1", 400 },
        { "/api/v1/units/CM/metrics/series?to=2024-Q4", 400 },
        { "/api/v1/units/CM/metrics/series?key=nope&to=2024-Q4", 400 },
        { "/api/v1/units/NOPE/metrics/series?key=members.total&to=2024-Q4", 404 },

        // /api/v1/briefings
        { "/api/v1/briefings?quarter=9999-Q4", 400 },
        { "/api/v1/briefings?quarter=２０２４-Q4", 400 },
        { "/api/v1/briefings?page=abc", 400 },
        { "/api/v1/briefings?pageSize=abc", 400 },
        { "/api/v1/briefings?page=99999999999", 400 },
        { "/api/v1/briefings/abc", 404 },
        { "/api/v1/briefings/99999", 404 },
        { "/api/v1/briefings/99999999999", 404 },
        { "/api/v1/briefings/99999/pdf", 404 },
        { "/api/v1/briefings/99999/exe", 400 },

        // /api/v1/imports
        { "/api/v1/imports/templates/nope.csv", 404 },
        { "/api/v1/imports/templates/meetings.exe", 404 },
        { $"/api/v1/imports/templates/meetings.{LongCode}", 404 },
        { "/api/v1/imports/progress/nope", 404 },
        { "/api/v1/imports/progress/nope/problems.csv", 404 },
        { $"/api/v1/imports/progress/{LongCode}", 404 },

        // The language switch: a culture is required.
        { "/culture/set", 400 },

        // Pages: a quarter that is not one falls back to the default quarter.
        { "/?quarter=9999-Q4", 200 },
        { "/?quarter=２０２４-Q4&metric=nope", 200 },
        { "/units/CM?quarter=1900-Q1&metric=nope", 200 },
        { "/units/NOPE?quarter=2024-Q4", 200 },
        { $"/units/{LongCode}?quarter=9999-Q4", 200 },
        { "/units?quarter=9999-Q4", 200 },
        { "/attendance?quarter=9999-Q4&unit=NOPE&metric=nope", 200 },
        { "/surveys?quarter=２０２４-Q4&unit=CM", 200 },
        { "/practices?quarter=1900-Q1&unit=CM", 200 },
        { "/meetings?unit=NOPE&quarter=9999-Q4", 200 },
        { "/meetings/new?unit=NOPE", 200 },
        { "/meetings/abc/edit", 404 },
        { "/briefings?quarter=9999-Q4&scope=NOPE", 200 },
        { "/admin/audit?from=0001-01-01&to=9999-12-31", 200 },
        { "/admin/audit?from=abc&to=2024-13-45&action=nope", 200 },
        { "/imports/nope", 200 },
        { "/imports/batches/99999", 200 },
        { "/imports/batches/abc", 404 },
    };

    public async ValueTask InitializeAsync()
    {
        _ = _app.Server;
        var contexts = _app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            await MovedCellProvince.SeedAsync(db, Ct);
        }

        await MovedCellProvince.ComputeAsync(_app.Services, Ct);
        _admin = _app.CreateBrowserlessClient();
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _app.CreateUserWithTokenAsync("admin@test.vn", Roles.Admin));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task MalformedParameter_AnswersItsStatus_NeverA500(string path, int expected)
    {
        var response = await _admin.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(expected == (int)response.StatusCode, $"GET {path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 400)]}");
        if (path.StartsWith("/api/", StringComparison.Ordinal) && expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task QuarterOutOfRange_IsRefusedSayingWhatIsAccepted()
    {
        var response = await _admin.GetAsync("/api/v1/units/CM/metrics/series?key=members.total&to=9999-Q4", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("quarter '9999-Q4' is not a quarter", body, StringComparison.Ordinal);
        Assert.Contains("from 2000 to 2100", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/%09/x")]
    [InlineData("/%0d%0a/x")]
    [InlineData("/%20/x")]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example/x")]
    [InlineData("https://evil.example/")]
    public async Task CultureSwitch_ToAnUnsafeRedirect_GoesToTheRoot(string redirectUri)
    {
        var response = await _app.CreateBrowserlessClient().GetAsync($"/culture/set?culture=en&redirectUri={redirectUri}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task CultureSwitch_ToALocalPath_GoesThere()
    {
        var response = await _app.CreateBrowserlessClient().GetAsync("/culture/set?culture=en&redirectUri=%2Funits%2FCM%3Fquarter%3D2024-Q4", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/units/CM?quarter=2024-Q4", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Upload_WithA300CharacterExtension_IsRefusedWith400()
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent("unit_code\nCM\n"u8.ToArray()), "file", "meetings." + new string('c', 300));

        var direct = await _admin.PostAsync("/api/v1/imports/meetings?dryRun=true", content, Ct);
        var queued = await _admin.PostAsync("/api/v1/imports/meetings?dryRun=true&background=true", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, direct.StatusCode);
        Assert.Contains("file name", await direct.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, queued.StatusCode);
    }

    [Fact]
    public async Task Upload_OverTheRequestLimit_Is413ProblemJson()
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(new byte[31 * 1024 * 1024]), "file", "meetings.csv");

        var response = await _admin.PostAsync("/api/v1/imports/meetings?dryRun=true", content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("at most 28.6 MB", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OverTheFormsLimits_Is413ProblemJson()
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent("unit_code\n"u8.ToArray()), "file", "meetings.csv");
        for (var i = 0; i < 1100; i++)
        {
            content.Add(new StringContent("x"), $"field{i}");
        }

        var response = await _admin.PostAsync("/api/v1/imports/meetings?dryRun=true", content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnhandledExceptionOnTheApi_IsProblemJson_WithoutTheException()
    {
        await using var failing = _app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton(sp => new BriefingArchive(new FailingContexts(), sp.GetRequiredService<BriefingAccess>(), TimeProvider.System))));
        var client = failing.CreateClient();
        client.DefaultRequestHeaders.Authorization = _admin.DefaultRequestHeaders.Authorization; // the same database

        var response = await client.GetAsync("/api/v1/briefings", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(FailingContexts.Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class FailingContexts : IDbContextFactory<AppDbContext>
    {
        public const string Secret = "/var/lib/secret/partyorg.db";

        public AppDbContext CreateDbContext() => throw new InvalidOperationException($"cannot open {Secret}");
    }
}
