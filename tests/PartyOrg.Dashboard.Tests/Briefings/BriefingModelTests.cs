using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Briefings;
using PartyOrg.Dashboard.Features.Briefings.Documents;
using PartyOrg.Dashboard.Tests.DemoData;

namespace PartyOrg.Dashboard.Tests.Briefings;

/// <summary>The briefing model read from the demo province's aggregates, and what it refuses.</summary>
[Collection(BriefingGroup.Name)]
public sealed class BriefingModelTests(SeededDemoDatabases databases, BriefingDatabase briefings)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnknownScope_Throws_KeyNotFound()
    {
        var prepared = await briefings.GetAsync(databases);

        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            prepared.Renderer.RenderAsync(new BriefingRequest(BriefingDatabase.Quarter, "NOPE", BriefingDatabase.Vietnamese), [BriefingFormat.Pdf], Ct));
    }

    [Fact]
    public async Task QuarterWithoutAggregates_Throws_InvalidOperation()
    {
        var prepared = await briefings.GetAsync(databases);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            prepared.Renderer.RenderAsync(new BriefingRequest(BriefingDatabase.UncomputedQuarter, "TV", BriefingDatabase.Vietnamese), [BriefingFormat.Pdf], Ct));
        Assert.Contains("2022-Q1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleQuarter_Throws_InvalidOperation()
    {
        var prepared = await briefings.GetAsync(databases);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            prepared.Renderer.RenderAsync(new BriefingRequest(BriefingDatabase.StaleQuarter, "TV", BriefingDatabase.Vietnamese), [BriefingFormat.Xlsx], Ct));
        Assert.Contains("stale", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task District_HasEveryChildOfTheQuarterInEachTable_AndItsFiguresMatchTheAggregates()
    {
        var prepared = await briefings.GetAsync(databases);
        var tree = await prepared.TreeAsync(BriefingDatabase.Quarter);
        var district = tree.Find("TC")!;
        var rows = await prepared.RowsAsync("TC", BriefingDatabase.Quarter);

        var model = await prepared.Builder.BuildAsync(new BriefingRequest(BriefingDatabase.Quarter, "TC", BriefingDatabase.Vietnamese), Ct);

        var children = tree.Children(district.Id).Select(c => c.Name).ToList();
        Assert.True(children.Count > 10);
        foreach (var section in model.Sections.Take(5))
        {
            Assert.Equal(children, section.Table.Rows.Select(r => r[0].Text ?? string.Empty).ToList());
        }

        var attendance = model.Sections[1].Figures.Rows.Single(f => f.Label == "Tỷ lệ đảng viên dự sinh hoạt");
        Assert.Equal(rows["attendance.rate"].Numerator / rows["attendance.rate"].Denominator * 100, attendance.Current!.Value, 9);
        Assert.Equal(rows["members.total"].Numerator / rows["members.total"].Denominator, model.Sections[0].Figures.Rows.Single(f => f.Label == "Tổng số đảng viên").Current);
        Assert.EndsWith("(Đảng bộ huyện Tiểu Cần)", model.Header.Subject, StringComparison.Ordinal);
        Assert.Equal("Trà Vinh, ngày 26 tháng 11 năm 2026", model.Header.PlaceAndDate);
        await using var db = prepared.Database.CreateContext();
        var state = await db.QuarterStates.SingleAsync(s => s.QuarterKey == BriefingDatabase.Quarter.Key, Ct);
        Assert.Equal(state.ComputedVersion, model.DataVersion);
        Assert.Equal(state.ComputedAt, model.ComputedAt);
        Assert.Contains($"phiên bản {state.ComputedVersion}", model.Provenance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_WritesHeadingsNarrativeAndNumbersInEnglish()
    {
        var prepared = await briefings.GetAsync(databases);

        var model = await prepared.Builder.BuildAsync(new BriefingRequest(BriefingDatabase.Quarter, "TV", BriefingDatabase.English), Ct);

        Assert.Equal("COMMUNIST PARTY OF VIET NAM", model.Header.PartyName);
        Assert.Equal("Trà Vinh, 26 November 2026", model.Header.PlaceAndDate);
        Assert.Equal("I. STRUCTURE AND MEMBERSHIP", model.Sections[0].Heading);
        Assert.Contains(model.Sections[0].Narrative, n => n.StartsWith("Members stood at 45,622, ", StringComparison.Ordinal));
        Assert.Contains(model.Sections[1].Narrative, n => n.StartsWith("Attendance at cell meetings stood at ", StringComparison.Ordinal) && n.Contains("%, ", StringComparison.Ordinal));
    }
}
