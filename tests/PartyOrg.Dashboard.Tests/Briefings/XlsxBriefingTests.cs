using System.IO.Compression;
using MiniExcelLibs;
using PartyOrg.Dashboard.Features.Briefings;
using PartyOrg.Dashboard.Features.Briefings.Documents;
using PartyOrg.Dashboard.Tests.DemoData;

namespace PartyOrg.Dashboard.Tests.Briefings;

/// <summary>The XLSX of the province's 2024-Q4 briefing read back with MiniExcel and compared with the aggregates.</summary>
[Collection(BriefingGroup.Name)]
public sealed class XlsxBriefingTests(SeededDemoDatabases databases, BriefingDatabase briefings)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<byte[]> WorkbookAsync() =>
        (await briefings.ProvinceAsync(databases, BriefingDatabase.Vietnamese)).Files.Single(f => f.Format == BriefingFormat.Xlsx).Content;

    private static List<IDictionary<string, object?>> Sheet(byte[] workbook, string name) =>
        new MemoryStream(workbook).Query(useHeaderRow: false, sheetName: name).Cast<IDictionary<string, object?>>().ToList();

    [Fact]
    public async Task Workbook_HasASheetPerSection_AndTheRawMetrics()
    {
        var workbook = await WorkbookAsync();

        var names = new MemoryStream(workbook).GetSheetNames();

        Assert.Equal(["Thông tin", "1 Cơ cấu, đảng viên", "2 Sinh hoạt", "3 Xếp loại", "4 Khảo sát", "5 Mô hình", "6 Cần quan tâm", "Số liệu gốc"], names);
    }

    [Fact]
    public async Task RawMetrics_AreTheStoredAggregates_AsNumbers()
    {
        var prepared = await briefings.GetAsync(databases);
        var tree = await prepared.TreeAsync(BriefingDatabase.Quarter);
        var workbook = await WorkbookAsync();

        var raw = Sheet(workbook, "Số liệu gốc").Skip(1).ToList();

        foreach (var code in tree.Children(tree.Find("TV")!.Id).Select(c => c.Code).Prepend("TV"))
        {
            var stored = await prepared.RowsAsync(code, BriefingDatabase.Quarter);
            var rows = raw.Where(r => (string?)r["A"] == code).ToDictionary(r => (string)r["C"]!);
            Assert.NotEmpty(rows);
            foreach (var (key, row) in stored)
            {
                Assert.True(rows.ContainsKey(key), $"{code} {key} is missing from the raw sheet");
                Assert.Equal(row.Suppressed, (bool)rows[key]["G"]!);
                if (!row.Suppressed)
                {
                    Assert.Equal(row.Numerator, Assert.IsType<double>(rows[key]["D"]), 9);
                    Assert.Equal(row.Denominator, Assert.IsType<double>(rows[key]["E"]), 9);
                }
            }
        }
    }

    [Fact]
    public async Task StructureSheet_HasEachDistrictsMembers_AsNumbers()
    {
        var prepared = await briefings.GetAsync(databases);
        var tree = await prepared.TreeAsync(BriefingDatabase.Quarter);
        var workbook = await WorkbookAsync();
        var sheet = Sheet(workbook, "1 Cơ cấu, đảng viên");

        foreach (var child in tree.Children(tree.Find("TV")!.Id))
        {
            var row = sheet.Single(r => (r["A"] as string) == child.Name);
            var members = (await prepared.RowsAsync(child.Code, BriefingDatabase.Quarter))["members.total"];
            Assert.Equal(members.Numerator / members.Denominator, Assert.IsType<double>(row["D"]));
        }
    }

    [Fact]
    public async Task FormulaLikeText_IsStoredAsText_NeverAsAFormula()
    {
        var prepared = await briefings.GetAsync(databases);
        var model = await prepared.Builder.BuildAsync(new BriefingRequest(BriefingDatabase.Quarter, "TC", BriefingDatabase.Vietnamese), Ct);
        var first = model.Sections[0];
        string[] hostile = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-3+4", "@SUM(A1)"];
        var rows = first.Table.Rows.Concat(hostile.Select(h => (IReadOnlyList<BriefingCell>)[BriefingCell.Of(h), BriefingCell.Count(1), BriefingCell.Count(2), BriefingCell.Count(3), BriefingCell.Count(4), BriefingCell.Count(5)])).ToList();
        var tampered = model with { Sections = [first with { Table = first.Table with { Rows = rows } }, .. model.Sections.Skip(1)] };

        var workbook = XlsxBriefingWriter.Write(tampered);

        var sheet = Sheet(workbook, "1 Cơ cấu, đảng viên");
        foreach (var text in hostile)
        {
            var row = sheet.Single(r => r["A"] is string s && s.EndsWith(text, StringComparison.Ordinal));
            Assert.Equal("'" + text, row["A"]);
            Assert.Equal(1d, row["B"]);
        }

        using var zip = new ZipArchive(new MemoryStream(workbook));
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            Assert.DoesNotMatch(@"<(\w+:)?f[ >]", await reader.ReadToEndAsync(Ct));
        }
    }
}
