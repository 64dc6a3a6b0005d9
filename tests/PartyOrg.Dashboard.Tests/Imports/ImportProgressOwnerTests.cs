using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Imports;

/// <summary>
/// An import run's progress and problem report belong to whoever started it and to Admins: another importer who
/// has the id gets the same 404 as for an id that never existed (the id is not confirmed), on the API and through
/// the store the <c>/imports/{id}</c> page reads.
/// </summary>
public sealed class ImportProgressOwnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal User(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    [Fact]
    public void Store_GivesARun_ToItsOwnerAndAdmins_AndNobodyElse()
    {
        var store = new ImportProgressStore();
        store.Set(new ImportProgress("run1", ImportPhase.Queued, 0, 0, 0), "owner@test.vn");

        Assert.NotNull(store.Get("run1", User("owner@test.vn", Roles.DistrictEditor)));
        Assert.NotNull(store.Get("run1", User("OWNER@test.vn", Roles.DistrictEditor)));
        Assert.NotNull(store.Get("run1", User("admin@test.vn", Roles.Admin)));
        Assert.Null(store.Get("run1", User("other@test.vn", Roles.OrgBoard)));
        Assert.Null(store.Get("run1", new ClaimsPrincipal(new ClaimsIdentity())));
        Assert.NotNull(store.AllProblems("run1", User("owner@test.vn", Roles.DistrictEditor)));
        Assert.Null(store.AllProblems("run1", User("other@test.vn", Roles.OrgBoard)));
    }

    [Fact]
    public void Store_KeepsTheFirstOwner_WhenTheRunMovesOn()
    {
        var store = new ImportProgressStore();
        store.Set(new ImportProgress("run1", ImportPhase.Queued, 0, 0, 0), "owner@test.vn");

        store.Set(new ImportProgress("run1", ImportPhase.Validating, 10, 0, 0), "other@test.vn");

        Assert.Equal(ImportPhase.Validating, store.Get("run1", User("owner@test.vn", Roles.OrgBoard))?.Phase);
        Assert.Null(store.Get("run1", User("other@test.vn", Roles.OrgBoard)));
    }

    [Fact]
    public void Store_ARunWithoutAnOwner_IsForAdminsOnly()
    {
        var store = new ImportProgressStore();
        store.Set(new ImportProgress("run1", ImportPhase.Done, 0, 0, 0), string.Empty);

        Assert.Null(store.Get("run1", new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.OrgBoard)], "test"))));
        Assert.NotNull(store.Get("run1", User("admin@test.vn", Roles.Admin)));
    }

    [Fact]
    public async Task Api_ProgressAndProblems_AreTheOwnersAndAdmins_AndA404LikeAnUnknownIdForOthers()
    {
        await using var app = new AppFactory();
        var owner = await app.CreateUserWithTokenAsync("owner@test.vn", Roles.OrgBoard);
        var other = await app.CreateUserWithTokenAsync("other@test.vn", Roles.OrgBoard);
        var admin = await app.CreateUserWithTokenAsync("admin@test.vn", Roles.Admin);
        var client = app.CreateClient();

        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/units?dryRun=true")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(ImportFiles.Province())), "file", "units.csv" } },
        };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner);
        using var uploaded = await client.SendAsync(upload, Ct);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var id = Assert.Single(uploaded.Headers.GetValues("X-Import-Progress-Id"));

        foreach (var path in new[] { $"/api/v1/imports/progress/{id}", $"/api/v1/imports/progress/{id}/problems.csv" })
        {
            var (ownerStatus, _) = await GetAsync(client, path, owner);
            var (adminStatus, _) = await GetAsync(client, path, admin);
            var (otherStatus, otherBody) = await GetAsync(client, path, other);
            var (unknownStatus, unknownBody) = await GetAsync(client, path.Replace(id, "0123456789abcdef0123456789abcdef", StringComparison.Ordinal), other);

            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (ownerStatus, adminStatus));
            Assert.Equal(HttpStatusCode.NotFound, otherStatus);
            Assert.Equal(unknownStatus, otherStatus);
            Assert.Contains("Import run not found", otherBody, StringComparison.Ordinal);
            Assert.Contains("Import run not found", unknownBody, StringComparison.Ordinal);
            Assert.DoesNotContain("owner@test.vn", otherBody, StringComparison.Ordinal);
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}
