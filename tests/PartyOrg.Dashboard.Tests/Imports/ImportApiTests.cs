using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Infrastructure;
using static PartyOrg.Dashboard.Tests.Imports.ImportTestBed;

namespace PartyOrg.Dashboard.Tests.Imports;

/// <summary>The HTTP API on the real app: a crafted request cannot import outside the caller's scope; templates; undo for Admins only.</summary>
public sealed class ImportApiTests
{
    private static HttpRequestMessage Upload(string url, string token, string fileName, string content) =>
        ApiRequests.Upload(url, token, fileName, Encoding.UTF8.GetBytes(content));

    [Fact]
    public async Task DistrictEditor_CannotImportOutsideTheirSubtree_ThroughACraftedRequest()
    {
        await using var app = new AppFactory();
        var client = app.CreateClient();
        var board = await app.CreateUserWithTokenAsync("board@test", Roles.OrgBoard);
        var units = await client.SendAsync(Upload("/api/v1/imports/units", board, "units.csv", ImportFiles.Province()), Ct);
        Assert.Equal(HttpStatusCode.OK, units.StatusCode);
        var editor = await app.CreateUserWithTokenAsync("ed@test", Roles.DistrictEditor, "D1");
        var contexts = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        string before;
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            before = await FactChecksum.ComputeAsync(db, Ct);
        }

        var outside = await client.SendAsync(Upload("/api/v1/imports/meetings?dryRun=false", editor, "d2.csv", MeetingsFile(MeetingRow("C2-1", 7, 10))), Ct);
        var undo = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/1/undo");
        undo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", editor);
        var undone = await client.SendAsync(undo, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        var report = await outside.Content.ReadFromJsonAsync<ImportReport>(Ct);
        var problem = Assert.Single(report!.Problems);
        Assert.Equal((2, "unit_code", "OutOfScope"), (problem.Row, problem.Column, problem.Code));
        Assert.Equal(HttpStatusCode.Forbidden, undone.StatusCode);
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            Assert.Equal(before, await FactChecksum.ComputeAsync(db, Ct));
        }

        var inside = await client.SendAsync(Upload("/api/v1/imports/meetings", editor, "d1.csv", MeetingsFile(MeetingRow("C1-1", 7, 10))), Ct);
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal(ImportOutcome.Imported, (await inside.Content.ReadFromJsonAsync<ImportReport>(Ct))!.Outcome);
    }

    [Fact]
    public async Task Templates_AreServedForEveryKind_AndUnknownOnesAre404()
    {
        await using var app = new AppFactory();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateUserWithTokenAsync("board@test", Roles.OrgBoard));

        var csv = await client.GetByteArrayAsync("/api/v1/imports/templates/survey.csv", Ct);
        var xlsx = await client.GetAsync("/api/v1/imports/templates/units.xlsx", Ct);
        var unknown = await client.GetAsync("/api/v1/imports/templates/people.csv", Ct);

        Assert.StartsWith("unit_code,quarter,q1,", Encoding.UTF8.GetString(csv).TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
