using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Surveys;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.DemoData;

public sealed class BulkWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task WriteAsync_RowsWithIds_ReadBackThroughEfAndIdsContinueAfterThem(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        await using (var db = database.CreateContext())
        {
            await using var writer = await BulkWriter.OpenAsync(db, ct);
            await writer.WriteAsync([new FactSource { Id = 7, Kind = FactSourceKind.Seed, Label = "Thử nghiệm", CreatedAt = Now }], ct);
            await writer.WriteAsync(
            [
                new OrgUnit { Id = 10, Code = "TV", ValidFrom = new DateOnly(2020, 1, 1), SourceId = 7 },
                new OrgUnit { Id = 11, Code = "PH01", ValidFrom = new DateOnly(2025, 7, 1), ValidTo = new DateOnly(2026, 1, 1), SourceId = 7 },
            ], ct);
            await writer.WriteAsync(
            [
                new OrgUnitVersion { Id = 3, UnitId = 11, Name = "Đảng bộ phường Trà Vinh", ShortName = "Phường Trà Vinh", Kind = UnitKind.GrassrootsCommittee, Sector = UnitSector.Ward, ParentId = 10, ValidFrom = new DateOnly(2025, 7, 1), SourceId = 7 },
            ], ct);
            await writer.WriteAsync([new SurveyRound { Id = 1, QuarterKey = 20253, QuestionnaireVersion = "2021.1", OpensOn = new DateOnly(2025, 9, 10), ClosesOn = new DateOnly(2025, 9, 30), SourceId = 7 }], ct);
            await writer.WriteAsync([new SurveyResponse { Id = 5_000_000_000, RoundId = 1, UnitId = 11, Q1 = 1, Q2 = null, Q10 = 3, Suggestion = "Góp ý", SourceId = 7 }], ct);
            await writer.CommitAsync(ct);
        }

        await using var read = database.CreateContext();
        var version = await read.UnitVersions.SingleAsync(ct);
        Assert.Equal(("Đảng bộ phường Trà Vinh", UnitKind.GrassrootsCommittee, UnitSector.Ward, 10, (DateOnly?)null), (version.Name, version.Kind, version.Sector, version.ParentId!.Value, version.ValidTo));
        Assert.Equal(new DateOnly(2026, 1, 1), (await read.Units.SingleAsync(u => u.Code == "PH01", ct)).ValidTo);
        var response = await read.SurveyResponses.SingleAsync(ct);
        Assert.Equal((5_000_000_000L, (byte?)1, (byte?)null, (byte?)3), (response.Id, response.Q1, response.Q2, response.Q10));
        Assert.Equal(Now, (await read.FactSources.SingleAsync(ct)).CreatedAt);

        read.Units.Add(new OrgUnit { Code = "XA01", ValidFrom = new DateOnly(2025, 7, 1), SourceId = 7 });
        await read.SaveChangesAsync(ct);
        Assert.Equal(12, (await read.Units.SingleAsync(u => u.Code == "XA01", ct)).Id);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task DisposeAsync_WithoutCommit_RollsEverythingBack(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        await using (var db = database.CreateContext())
        {
            await using var writer = await BulkWriter.OpenAsync(db, ct);
            await writer.WriteAsync([new FactSource { Id = 1, Kind = FactSourceKind.Seed, Label = "Thử nghiệm", CreatedAt = Now }], ct);
        }

        await using var read = database.CreateContext();
        Assert.Equal(0, await read.FactSources.CountAsync(ct));
    }
}
