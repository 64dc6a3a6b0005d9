using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Briefings;
using PartyOrg.Dashboard.Features.Briefings.Archive;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Briefings;

/// <summary>
/// The archive through the real app: P → districts D1 (with commune G1) and D2, a briefing archived for
/// each; a DistrictEditor of D1 lists and downloads only D1's subtree, whatever URL they craft.
/// </summary>
public sealed class BriefingsApiTests(BriefingsApiTests.ArchiveApp fixture) : IClassFixture<BriefingsApiTests.ArchiveApp>
{
    private static readonly Quarter Q = new(2024, 4);
    private readonly AppFactory _app = fixture.App;
    private readonly Dictionary<string, int> _ids = fixture.Ids;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Content(string code, BriefingFormat format) => Encoding.UTF8.GetBytes($"{code}:{format}");

    private Task<HttpClient> ClientAsync(string email, string role, string? scope = null) => fixture.ClientAsync(email, role, scope);

    [Fact]
    public async Task List_ForADistrictEditor_HoldsOnlyTheirSubtree()
    {
        var client = await ClientAsync("d1@test.vn", Roles.DistrictEditor, "D1");

        var all = await client.GetFromJsonAsync<BriefingListDto>("/api/v1/briefings", Ct);
        var other = await client.GetFromJsonAsync<BriefingListDto>("/api/v1/briefings?quarter=2024-Q4&scope=D2", Ct);

        Assert.Equal(["D1", "G1"], all!.Items.Select(i => i.ScopeCode).Order().ToList());
        Assert.Equal(2, all.Total);
        Assert.Equal(0, other!.Total);
        Assert.Empty(other.Items);
    }

    [Fact]
    public async Task List_ForAnAdmin_HoldsEveryBriefing_FilteredAndPaged()
    {
        var client = await ClientAsync("admin@test.vn", Roles.Admin);

        var all = await client.GetFromJsonAsync<BriefingListDto>("/api/v1/briefings?quarter=2024-Q4", Ct);
        var page = await client.GetFromJsonAsync<BriefingListDto>("/api/v1/briefings?page=1&pageSize=3", Ct);
        var one = await client.GetFromJsonAsync<BriefingListDto>("/api/v1/briefings?scope=D2", Ct);
        var none = await client.GetFromJsonAsync<BriefingListDto>("/api/v1/briefings?quarter=2024-Q3", Ct);

        Assert.Equal(["D1", "D2", "G1", "P"], all!.Items.Select(i => i.ScopeCode).Order().ToList());
        Assert.Equal((4, 1), (page!.Total, page.Items.Count));
        Assert.Equal("D2", Assert.Single(one!.Items).ScopeCode);
        Assert.Equal(3, one.Items[0].Files.Count);
        Assert.Equal($"/api/v1/briefings/{_ids["D2"]}/pdf", one.Items[0].Files[0].Href);
        Assert.Equal(0, none!.Total);
    }

    [Theory]
    [InlineData("D2")]
    [InlineData("P")]
    public async Task Download_ByADistrictEditor_OfABriefingOutsideTheirSubtree_Is404(string code)
    {
        var client = await ClientAsync("d1@test.vn", Roles.DistrictEditor, "D1");

        var file = await client.GetAsync($"/api/v1/briefings/{_ids[code]}/pdf", Ct);
        var version = await client.GetAsync($"/api/v1/briefings/{_ids[code]}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, version.StatusCode);
        Assert.DoesNotContain($"{code}:Pdf", await file.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("D1", "pdf")]
    [InlineData("G1", "xlsx")]
    public async Task Download_ByADistrictEditor_OfTheirOwnSubtree_ServesTheArchivedBytesAndTheirHash(string code, string format)
    {
        var client = await ClientAsync("d1@test.vn", Roles.DistrictEditor, "D1");

        var response = await client.GetAsync($"/api/v1/briefings/{_ids[code]}/{format}", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var listed = (await client.GetFromJsonAsync<BriefingListDto>($"/api/v1/briefings?scope={code}", Ct))!.Items.Single().Files.Single(f => f.Format == format);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(BriefingFormats.TryParse(format, out var f));
        Assert.Equal(Content(code, f), bytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(sha, listed.Sha256);
        Assert.Equal(sha, response.Headers.GetValues(BriefingsApi.ShaHeader).Single());
        Assert.Equal($"\"{sha}\"", response.Headers.ETag!.Tag);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"Báo cáo quý IV-2024 {code} Tiểu Cần.{format}", disposition.FileNameStar);
        var raw = response.Content.Headers.GetValues("Content-Disposition").Single();
        Assert.Contains($"filename=\"Bao cao quy IV-2024 {code} Tieu Can.{format}\"", raw, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString($"Báo cáo quý IV-2024 {code} Tiểu Cần.{format}"), raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_ByAnAdmin_OfAnyBriefing_Answers()
    {
        var client = await ClientAsync("admin@test.vn", Roles.Admin);

        foreach (var code in new[] { "P", "D1", "D2" })
        {
            var response = await client.GetAsync($"/api/v1/briefings/{_ids[code]}/docx", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Content(code, BriefingFormat.Docx), await response.Content.ReadAsByteArrayAsync(Ct));
        }
    }

    [Fact]
    public async Task Download_WithAnUnknownFormatOrId_SaysWhat()
    {
        var client = await ClientAsync("admin@test.vn", Roles.Admin);

        var format = await client.GetAsync($"/api/v1/briefings/{_ids["P"]}/odt", Ct);
        var id = await client.GetAsync("/api/v1/briefings/987654/pdf", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.Contains("odt", await format.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, id.StatusCode);
    }

    [Fact]
    public async Task Download_WithoutCredentials_Is401()
    {
        var response = await _app.CreateBrowserlessClient().GetAsync($"/api/v1/briefings/{_ids["P"]}/pdf", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Download_WithTheArchivedHashAsIfNoneMatch_IsNotModified()
    {
        var client = await ClientAsync("admin@test.vn", Roles.Admin);
        var first = await client.GetAsync($"/api/v1/briefings/{_ids["P"]}/pdf", Ct);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/briefings/{_ids["P"]}/pdf");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    /// <summary>One app for the class: the tests only read what it holds.</summary>
    public sealed class ArchiveApp : IAsyncLifetime
    {
        private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
        private readonly SemaphoreSlim _users = new(1, 1);

        public AppFactory App { get; } = new();

        public Dictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);

        public async Task<HttpClient> ClientAsync(string email, string role, string? scope)
        {
            await _users.WaitAsync(Ct);
            try
            {
                if (!_tokens.TryGetValue(email, out var token))
                {
                    _tokens[email] = token = await App.CreateUserWithTokenAsync(email, role, scope);
                }

                var client = App.CreateBrowserlessClient();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return client;
            }
            finally
            {
                _users.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            _users.Dispose();
            await App.DisposeAsync();
        }

        public async ValueTask InitializeAsync()
        {
            var contexts = App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using (var db = await contexts.CreateDbContextAsync(Ct))
            {
                var source = new FactSource { Kind = FactSourceKind.FormEntry, Label = "tests", CreatedAt = DateTimeOffset.UnixEpoch };
                db.FactSources.Add(source);
                await db.SaveChangesAsync(Ct);
                var ids = new Dictionary<string, int>();
                foreach (var (code, name, kind, sector, parent) in new[]
                {
                    ("P", "Đảng bộ tỉnh", UnitKind.Province, UnitSector.None, (string?)null),
                    ("D1", "Đảng bộ huyện Tiểu Cần", UnitKind.UpperCommittee, UnitSector.District, "P"),
                    ("D2", "Đảng bộ huyện Trà Cú", UnitKind.UpperCommittee, UnitSector.District, "P"),
                    ("G1", "Đảng bộ xã Hiếu Tử", UnitKind.GrassrootsCommittee, UnitSector.Commune, "D1"),
                })
                {
                    var unit = new OrgUnit { Code = code, ValidFrom = new DateOnly(2020, 1, 1), SourceId = source.Id };
                    db.Units.Add(unit);
                    await db.SaveChangesAsync(Ct);
                    ids[code] = unit.Id;
                    db.UnitVersions.Add(new OrgUnitVersion
                    {
                        UnitId = unit.Id, Name = name, ShortName = name, Kind = kind, Sector = sector,
                        ParentId = parent is null ? null : ids[parent], ValidFrom = unit.ValidFrom, SourceId = source.Id,
                    });
                    await db.SaveChangesAsync(Ct);
                }

                await DataVersions.MarkChangedAsync(db, [Q], DateTimeOffset.UnixEpoch, Ct);
            }

            var archive = App.Services.GetRequiredService<BriefingArchive>();
            await using (var db = await contexts.CreateDbContextAsync(Ct))
            {
                foreach (var code in new[] { "P", "D1", "D2", "G1" })
                {
                    var unitId = await db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync(Ct);
                    var request = new BriefingRequest(Q, code, CultureInfo.GetCultureInfo("vi-VN"));
                    var files = BriefingFormats.All.Select(f => new BriefingFile(f, $"Báo cáo quý IV-2024 {code} Tiểu Cần.{BriefingFormats.Name(f)}", "application/octet-stream", Content(code, f))).ToList();
                    var stored = await archive.StoreAsync(unitId, code, new RenderedBriefing(request, $"Unit {code}", 1, DateTimeOffset.UnixEpoch, files), "schedule", Ct);
                    Ids[code] = stored.Briefing.Id;
                }
            }
        }
    }
}
