using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Briefings;
using PartyOrg.Dashboard.Features.Briefings.Archive;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Aggregates;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Briefings;

/// <summary>The archive on a real database: one version per data version, new versions beside old ones, hashes of the bytes.</summary>
public sealed class BriefingArchiveTests
{
    private static readonly Quarter Q = TinyProvince.Quarter;
    private static readonly DateTime Due = new(2025, 1, 5, 6, 0, 0);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Generate_OnUnchangedData_ReturnsTheArchivedVersion(DatabaseProvider provider)
    {
        await using var world = await BriefingWorld.CreateAsync(provider, Due, Q);

        var first = await world.Generator.GenerateAsync(Q, "D", BriefingCultures.Vietnamese, "a@test.vn", Ct);
        var second = await world.Generator.GenerateAsync(Q, "d", BriefingCultures.Vietnamese, "b@test.vn", Ct);

        Assert.True(first.Created);
        Assert.True(first.Recomputed); // never computed before
        Assert.False(second.Created);
        Assert.Equal(first.Briefing.Id, second.Briefing.Id);
        Assert.Equal("a@test.vn", second.Briefing.GeneratedBy);
        Assert.Single(await world.ArchivedAsync());
        Assert.Single(world.Renderer.Calls);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Generate_AfterTheDataChanged_AddsANewVersionBesideTheOld(DatabaseProvider provider)
    {
        await using var world = await BriefingWorld.CreateAsync(provider, Due, Q);
        var first = await world.Generator.GenerateAsync(Q, "D", BriefingCultures.Vietnamese, "a@test.vn", Ct);

        await world.ChangeDataAsync(Q);
        var second = await world.Generator.GenerateAsync(Q, "D", BriefingCultures.Vietnamese, "a@test.vn", Ct);
        var old = await world.Archive.ReadFileAsync(first.Briefing.Id, BriefingFormat.Pdf, Ct);

        Assert.True(second.Created);
        Assert.True(second.Recomputed);
        Assert.NotEqual(first.Briefing.Id, second.Briefing.Id);
        Assert.Equal([(Q, "D", 1L), (Q, "D", 2L)], await world.ArchivedAsync());
        Assert.Equal(FakeBriefingRenderer.Bytes(new BriefingRequest(Q, "D", CultureInfo.GetCultureInfo("vi-VN")), 1, BriefingFormat.Pdf), old!.Content);
        Assert.Equal(first.Briefing.Files.Single(f => f.Format == BriefingFormat.Pdf).Sha256, old.File.Sha256);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Generate_InAnotherLanguage_IsAnotherVersion(DatabaseProvider provider)
    {
        await using var world = await BriefingWorld.CreateAsync(provider, Due, Q);

        var vi = await world.Generator.GenerateAsync(Q, "P", BriefingCultures.Vietnamese, "a@test.vn", Ct);
        var en = await world.Generator.GenerateAsync(Q, "P", BriefingCultures.English, "a@test.vn", Ct);

        Assert.True(en.Created);
        Assert.Equal(("vi", "en"), (vi.Briefing.Culture, en.Briefing.Culture));
        Assert.Equal("en-US", world.Renderer.Calls.Last().Request.Culture.Name);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Store_RecordsEachFilesSha256SizeAndName(DatabaseProvider provider)
    {
        await using var world = await BriefingWorld.CreateAsync(provider, Due, Q);

        var result = await world.Generator.GenerateAsync(Q, "P", BriefingCultures.Vietnamese, "a@test.vn", Ct);

        Assert.Equal(BriefingFormats.All, result.Briefing.Files.Select(f => f.Format));
        foreach (var info in result.Briefing.Files)
        {
            var file = await world.Archive.ReadFileAsync(result.Briefing.Id, info.Format, Ct);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file!.Content)), info.Sha256);
            Assert.Equal(file.Content.LongLength, info.Size);
            Assert.Equal($"Báo cáo 2024-Q4 Đảng bộ tỉnh.{BriefingFormats.Name(info.Format)}", info.FileName);
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Store_TwoRacingForOneDataVersion_KeepOneVersion(DatabaseProvider provider)
    {
        await using var world = await BriefingWorld.CreateAsync(provider, Due, Q);
        await world.Aggregates.RecomputeAsync(Q, Ct);
        var rendered = await world.Renderer.RenderAsync(new BriefingRequest(Q, "P", CultureInfo.GetCultureInfo("vi-VN")), BriefingFormats.All, Ct);
        int unitId;
        await using (var context = world.Db.CreateContext())
        {
            unitId = await context.Units.Where(u => u.Code == "P").Select(u => u.Id).SingleAsync(Ct);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => world.Archive.StoreAsync(unitId, "P", rendered, "schedule", Ct)));

        Assert.Single(await world.ArchivedAsync());
        Assert.Single(results.Select(r => r.Briefing.Id).Distinct());
        Assert.Single(results, r => r.Created);
        await using var check = world.Db.CreateContext();
        Assert.Equal(3, await check.BriefingFiles.CountAsync(Ct));
    }

    [Fact]
    public async Task Store_ARenderingWithAnEmptyFile_ArchivesNothing()
    {
        await using var world = await BriefingWorld.CreateAsync(DatabaseProvider.Sqlite, Due, Q);
        var request = new BriefingRequest(Q, "P", CultureInfo.GetCultureInfo("vi-VN"));
        var rendered = new RenderedBriefing(request, "P", 1, DateTimeOffset.UnixEpoch,
            [new BriefingFile(BriefingFormat.Pdf, "a.pdf", "application/pdf", [1]), new BriefingFile(BriefingFormat.Docx, "a.docx", "x", [])]);
        int unitId;
        await using (var context = world.Db.CreateContext())
        {
            unitId = await context.Units.Where(u => u.Code == "P").Select(u => u.Id).SingleAsync(Ct);
        }

        await Assert.ThrowsAsync<ArgumentException>(() => world.Archive.StoreAsync(unitId, "P", rendered, "schedule", Ct));
        await using var check = world.Db.CreateContext();
        Assert.Equal((0, 0), (await check.Briefings.CountAsync(Ct), await check.BriefingFiles.CountAsync(Ct)));
    }

    [Fact]
    public async Task Generate_AnUnknownScope_IsKeyNotFound()
    {
        await using var world = await BriefingWorld.CreateAsync(DatabaseProvider.Sqlite, Due, Q);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => world.Generator.GenerateAsync(Q, "NOPE", BriefingCultures.Vietnamese, "a@test.vn", Ct));
        Assert.Empty(await world.ArchivedAsync());
    }

    [Fact]
    public async Task Generate_AQuarterWithoutData_IsRefused()
    {
        await using var world = await BriefingWorld.CreateAsync(DatabaseProvider.Sqlite, Due, Q);

        var ex = await Assert.ThrowsAsync<BriefingUnavailableException>(() => world.Generator.GenerateAsync(new Quarter(2030, 1), "P", BriefingCultures.Vietnamese, "a@test.vn", Ct));

        Assert.Contains("2030-Q1", ex.Message, StringComparison.Ordinal);
        Assert.Empty(world.Renderer.Calls);
    }

    [Theory]
    [InlineData("Báo cáo quý IV-2024 Tiểu Cần.pdf", "Bao cao quy IV-2024 Tieu Can.pdf")]
    [InlineData("Đảng bộ xã Phước Hưng.docx", "Dang bo xa Phuoc Hung.docx")]
    public void ContentDisposition_HasAnAsciiNameAndTheUtf8Name(string name, string ascii)
    {
        var header = BriefingFileNames.ContentDisposition(name);

        Assert.StartsWith("attachment", header, StringComparison.Ordinal);
        Assert.Contains($"filename=\"{ascii}\"", header, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString(name), header, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd.pdf")]
    [InlineData("", "bao-cao-2024-Q4-TC.pdf")]
    [InlineData("Báo cáo \"quý\".pdf", "Báo cáo quý.pdf")]
    public void Sanitize_KeepsAFileNameWithoutDirectoriesOrQuotes(string name, string expected) =>
        Assert.Equal(expected, BriefingFileNames.Sanitize(name, Q, "TC", BriefingFormat.Pdf));
}
