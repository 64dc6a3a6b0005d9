using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Forms;
using static PartyOrg.Dashboard.Tests.Imports.ImportTestBed;

namespace PartyOrg.Dashboard.Tests.Imports;

/// <summary>Import bombs run alone: their memory bound is measured on the whole process's allocations.</summary>
[CollectionDefinition(nameof(MemoryMeasured), DisableParallelization = true)]
public sealed class MemoryMeasured;

/// <summary>
/// Hostile files (a huge cell, a million rows, deep XML, a zip that lies about its sizes, a CSV line of 50 MB) are
/// refused with a message that says what and where, quickly, allocating far less than the file would take
/// unpacked, and leaving the database as it was.
/// </summary>
[Collection(nameof(MemoryMeasured))]
public sealed class ImportBoundsTests : VietnameseTest
{
    private const long Mb = 1024 * 1024;

    /// <summary>
    /// A generous bound (the refusals allocate 0.2–2 MB): the 200 MB cell took the server from 0.5 to 2 GB before
    /// the bounds, and reading a file's worth of any of these bombs would allocate hundreds of megabytes.
    /// </summary>
    private const long MaxAllocated = 32 * Mb;

    [Fact]
    public async Task Xlsx_With200MbCell_IsRefusedAtTheCell_WithMemoryBounded()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite, configure: o => o.MaxUncompressedBytes = 1024 * Mb);
        var file = Xlsx(sheet => Cell(sheet, "B2", 200 * Mb));
        Assert.True(file.Length < 1 * Mb, $"the bomb is {file.Length} bytes");
        var before = await bed.StateAsync();

        var (result, allocated) = await MeasureAsync(() => bed.ImportAsync("meetings", "bom.xlsx", file));

        var problem = Assert.Single(result.Report.Problems);
        Assert.Equal(("XlsxCellTooLong", ImportOutcome.Rejected), (problem.Code, result.Report.Outcome));
        Assert.Contains("B2 (xl/worksheets/sheet1.xml)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("4.000", problem.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, MaxAllocated);
        Assert.Equal(before, await bed.StateAsync());
    }

    [Fact]
    public async Task Xlsx_LargerUncompressedThanTheLimit_IsRefusedFromTheDeclaredSizes()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var file = Xlsx(sheet => Cell(sheet, "B2", 201 * Mb));

        var (result, allocated) = await MeasureAsync(() => bed.ImportAsync("meetings", "bom.xlsx", file));

        var problem = Assert.Single(result.Report.Problems);
        Assert.Equal("XlsxTooLarge", problem.Code);
        Assert.Contains("200,0 MB", problem.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, MaxAllocated);
    }

    [Fact]
    public async Task Xlsx_DeclaringSmallerSizesThanItHolds_IsRefusedAsItIsRead()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite, configure: o => o.MaxUncompressedBytes = 50 * Mb);
        var file = Xlsx(sheet => Cell(sheet, "B2", 300 * Mb));
        DeclareSize(file, "xl/worksheets/sheet1.xml", 1000);
        var before = await bed.StateAsync();

        var (result, allocated) = await MeasureAsync(() => bed.ImportAsync("meetings", "bom.xlsx", file));

        Assert.Equal(ImportOutcome.Rejected, result.Report.Outcome);
        var problem = Assert.Single(result.Report.Problems);
        // The runtime's zip reader stops at the declared size (the sheet then ends mid-cell); the reader's own count
        // refuses a part that goes on beyond it, for a zip reader that would not stop.
        Assert.Contains(problem.Code, (string[])["XlsxSizeMismatch", "UnreadableXlsx"]);
        Assert.InRange(allocated, 0, MaxAllocated);
        Assert.Equal(before, await bed.StateAsync());
    }

    [Fact]
    public async Task Xlsx_DeclaringHugeSizes_IsRefusedBeforeReading()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var file = Xlsx(sheet => Cell(sheet, "B2", 10));
        DeclareSize(file, "xl/worksheets/sheet1.xml", 3_000_000_000);

        var result = await bed.ImportAsync("meetings", "bom.xlsx", file);

        Assert.Equal("XlsxTooLarge", Assert.Single(result.Report.Problems).Code);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Xlsx_WithAMillionRows_IsRefusedBeforeTheRowsAreRead(bool oneFarRow)
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite, configure: o => o.MaxFileBytes = 20 * Mb);
        var file = Xlsx(sheet =>
        {
            if (oneFarRow)
            {
                // MiniExcel fills the rows skipped before row 1,048,576 with empty ones.
                Write(sheet, "<row r=\"1048576\"><c r=\"A1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
                return;
            }

            for (var i = 1; i <= 1_000_002; i++)
            {
                Write(sheet, "<row/>");
            }
        });
        var before = await bed.StateAsync();

        var (result, allocated) = await MeasureAsync(() => bed.ImportAsync("meetings", "rows.xlsx", file));

        var problem = Assert.Single(result.Report.Problems);
        Assert.Equal("TooManyRows", problem.Code);
        Assert.Contains("1.000.000", problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.Report.Rows);
        Assert.InRange(allocated, 0, MaxAllocated);
        Assert.Equal(before, await bed.StateAsync());
    }

    [Fact]
    public async Task Xlsx_WithDeeplyNestedXml_IsRefused()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var file = Xlsx(sheet =>
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                Write(sheet, "<x>");
            }
        });

        var (result, allocated) = await MeasureAsync(() => bed.ImportAsync("meetings", "deep.xlsx", file));

        var problem = Assert.Single(result.Report.Problems);
        Assert.Equal("XlsxTooDeep", problem.Code);
        Assert.Contains("xl/worksheets/sheet1.xml", problem.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, MaxAllocated);
    }

    [Fact]
    public async Task Xlsx_ReachingFarColumns_IsRefused()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var file = Xlsx(sheet => Write(sheet, "<row r=\"1\"><c r=\"XFD1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"));

        var result = await bed.ImportAsync("meetings", "wide.xlsx", file);

        var problem = Assert.Single(result.Report.Problems);
        Assert.Equal("XlsxTooManyColumns", problem.Code);
        Assert.Contains("XFD1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_WithinTheBounds_IsImported()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var header = MeetingsHeader.Split(',');
        var row = MeetingRow("C1", 7, 10).Split(',');
        var file = Xlsx(sheet =>
        {
            Write(sheet, Row(1, header));
            Write(sheet, Row(2, row));
        });

        var result = await bed.ImportAsync("meetings", "ok.xlsx", file);

        Assert.Empty(result.Report.Problems);
        Assert.Equal((ImportOutcome.Imported, 1), (result.Report.Outcome, result.Report.Added));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Csv_With50MbLine_IsRefusedAtTheLine_WithMemoryBounded(bool afterHeader)
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite, configure: o => o.MaxFileBytes = 100 * Mb);
        var text = new StringBuilder(afterHeader ? MeetingsHeader + "\nC1," : string.Empty).Append('a', 50 * (int)Mb);
        if (afterHeader)
        {
            text.Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        text.Clear();
        var before = await bed.StateAsync();

        var (result, allocated) = await MeasureAsync(() => bed.ImportAsync("meetings", "line.csv", bytes));

        var problem = Assert.Single(result.Report.Problems);
        Assert.Equal("RecordTooLarge", problem.Code);
        Assert.StartsWith(afterHeader ? "Dòng 2 " : "Dòng 1 ", problem.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, MaxAllocated);
        Assert.Equal(before, await bed.StateAsync());
    }

    [Fact]
    public async Task Csv_CellLongerThanTheLimit_IsRefusedNamingRowAndColumn_WithTheValueCutInTheReport()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var file = MeetingsFile(MeetingRow("C1", 7, 10), MeetingRow("C1", 8, 11).Replace("regular", new string('r', 4_001), StringComparison.Ordinal));

        var result = await bed.ImportAsync("meetings", "long.csv", file);

        var problem = Assert.Single(result.Report.Problems);
        Assert.Equal(("CellTooLong", 3, "kind"), (problem.Code, problem.Row, problem.Column));
        Assert.Equal("Dòng 3, cột kind: ô dài 4.001 ký tự, quá giới hạn 4.000 ký tự. Tệp bị từ chối.", problem.Message);
        Assert.Equal(ImportProblems.MaxValueChars, problem.Value!.Length);
        Assert.Equal(ImportOutcome.Rejected, result.Report.Outcome);
    }

    [Fact]
    public async Task Csv_WithMoreRowsThanTheLimit_IsRefused()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite, configure: o => o.MaxRows = 2);
        var before = await bed.StateAsync();

        var result = await bed.ImportAsync("meetings", "rows.csv", MeetingsFile(MeetingRow("C1", 7, 10), MeetingRow("C1", 8, 11), MeetingRow("C1", 9, 12)));

        Assert.Equal(ImportOutcome.Rejected, result.Report.Outcome);
        Assert.Equal("TooManyRows", Assert.Single(result.Report.Problems).Code);
        Assert.Equal(before, await bed.StateAsync());
    }

    [Fact]
    public void Problems_CutLongValuesColumnsAndMessages()
    {
        using var problems = new ImportProblems(Localizer());

        problems.Add(new ImportProblem(2, new string('c', 10_000), new string('v', 1_000_000), "X", new string('m', 10_000)));

        var problem = Assert.Single(problems.First);
        Assert.Equal((ImportProblems.MaxValueChars, ImportProblems.MaxValueChars, ImportProblems.MaxMessageChars), (problem.Column.Length, problem.Value!.Length, problem.Message.Length));
        Assert.EndsWith("…", problem.Value, StringComparison.Ordinal);
    }

    /// <summary>What the call allocates (asserted), and how long it took (written to the output, never asserted).</summary>
    private static async Task<(T Result, long Allocated)> MeasureAsync<T>(Func<Task<T>> action)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        var result = await action();
        stopwatch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        TestContext.Current.TestOutputHelper?.WriteLine($"allocated {allocated / (double)Mb:0.0} MB in {stopwatch.Elapsed.TotalMilliseconds:0} ms");
        return (result, allocated);
    }

    /// <summary>A one-sheet workbook whose sheetData <paramref name="writeRows"/> streams into the zip (nothing held in memory).</summary>
    private static byte[] Xlsx(Action<Stream> writeRows)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Part(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open();
            Write(sheet, """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            writeRows(sheet);
            Write(sheet, "</sheetData></worksheet>");
        }

        return output.ToArray();
    }

    private static void Part(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name).Open();
        Write(stream, content);
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));

    /// <summary>A header row, then a row whose cell <paramref name="reference"/> holds <paramref name="length"/> letters, streamed a megabyte at a time.</summary>
    private static void Cell(Stream sheet, string reference, long length)
    {
        Write(sheet, Row(1, MeetingsHeader.Split(',')));
        Write(sheet, $"<row r=\"2\"><c r=\"{reference}\" t=\"inlineStr\"><is><t>");
        var chunk = Encoding.ASCII.GetBytes(new string('a', (int)Mb));
        for (var left = length; left > 0; left -= chunk.Length)
        {
            sheet.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
        }

        Write(sheet, "</t></is></c></row>");
    }

    private static string Row(int number, string[] cells) =>
        string.Create(CultureInfo.InvariantCulture, $"<row r=\"{number}\">")
        + string.Concat(cells.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"<c r=\"{(char)('A' + i)}{number}\" t=\"inlineStr\"><is><t>{c}</t></is></c>")))
        + "</row>";

    /// <summary>Rewrites the uncompressed size of <paramref name="part"/> in its local header and in the central directory.</summary>
    private static void DeclareSize(byte[] zip, string part, long size)
    {
        var name = Encoding.ASCII.GetBytes(part);
        var patched = 0;
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var local = BitConverter.ToUInt32(zip, i) == 0x04034b50 && zip.AsSpan(i + 30, name.Length).SequenceEqual(name) && BitConverter.ToUInt16(zip, i + 26) == name.Length;
            var central = BitConverter.ToUInt32(zip, i) == 0x02014b50 && zip.AsSpan(i + 46, Math.Min(name.Length, zip.Length - i - 46)).SequenceEqual(name) && BitConverter.ToUInt16(zip, i + 28) == name.Length;
            if (local || central)
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + (local ? 22 : 24), 4), (uint)size);
                patched++;
            }
        }

        Assert.Equal(2, patched);
    }
}
