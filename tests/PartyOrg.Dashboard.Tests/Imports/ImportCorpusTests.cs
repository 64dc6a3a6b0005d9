using System.Text;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Infrastructure;
using static PartyOrg.Dashboard.Tests.Imports.ImportTestBed;

namespace PartyOrg.Dashboard.Tests.Imports;

/// <summary>
/// The corpus of bad files (Imports/Corpus, written by make-corpus.py): each is rejected with the expected
/// problem (row as the user sees it, column, value) and leaves the database byte for byte as it was —
/// the fact checksum and the audit, fact source and batch row counts.
/// </summary>
public sealed class ImportCorpusTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Imports", "Corpus");

    public static TheoryData<string, string, int, string, string, string?> Cases => new()
    {
        { "unknown-unit.csv", "meetings", 3, "unit_code", "MeetingRule.UnitCode", "C77" },
        { "date-outside-validity.csv", "meetings", 2, "date", "MeetingRule.Date", "15/06/2019" },
        { "not-a-cell.csv", "meetings", 2, "unit_code", "MeetingRule.UnitCode", "G" },
        { "counts-do-not-add-up.csv", "meetings", 2, "expected", "MeetingRule.Expected", "18" },
        { "present-over-expected.csv", "meetings", 2, "present", "MeetingRule.Present", "19" },
        { "duration-zero.csv", "meetings", 2, "duration_minutes", "MeetingRule.DurationMinutes", "0" },
        { "score-over-100.csv", "meetings", 2, "score", "MeetingRule.Score", "120" },
        { "duplicate-in-file.csv", "meetings", 3, "date", "DuplicateInFile", "2026-07-10" },
        { "duplicate-of-stored-row.csv", "meetings", 2, "date", "StoredDifferent", "10/10/2024" },
        { "missing-columns.csv", "meetings", 1, "speakers, score", "MissingColumns", null },
        { "extra-columns.csv", "meetings", 1, "comment", "ExtraColumns", null },
        { "empty.csv", "meetings", 0, "", "EmptyFile", "empty.csv" },
        { "header-only.csv", "meetings", 0, "", "NoRows", "header-only.csv" },
        { "unbalanced-quotes.csv", "meetings", 3, "", "UnterminatedQuote", null },
        { "binary.csv", "meetings", 0, "", "Binary", "binary.csv" },
        { "windows-1258.csv", "meetings", 0, "", "NotUtf8", "windows-1258.csv" },
        { "utf16.csv", "meetings", 0, "", "Utf16", "utf16.csv" },
        { "formula-cells.csv", "meetings", 2, "duration_minutes", "FormulaNotNumber", "=SUM(A1)" },
        { "formula-cells.csv", "meetings", 3, "expected", "FormulaNotNumber", "@18" },
        { "formula-cells.csv", "meetings", 4, "unit_code", "MeetingRule.UnitCode", "=C1" },
        { "formula-cells.csv", "meetings", 5, "present", "MeetingRule.Present", "-16" },
        { "formula-cells.csv", "meetings", 6, "speakers", "FormulaNotNumber", "+1+1" },
        { "survey-answer-out-of-scale.csv", "survey", 3, "q1", "AnswerOutOfYesNoScale", "4" },
        { "survey-answer-out-of-scale.csv", "survey", 3, "q2", "AnswerOutOfAgreementScale", "7" },
        { "unknown-practice.csv", "adoptions", 2, "practice_code", "UnknownPractice", "M99" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadFile_IsRejectedWithTheProblem_AndNothingChanges(string file, string kind, int row, string column, string code, string? value)
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var before = await bed.StateAsync();

        var result = await bed.ImportAsync(kind, file, await File.ReadAllBytesAsync(Path.Combine(CorpusDirectory, file), Ct));

        Assert.Equal(ImportOutcome.Rejected, result.Report.Outcome);
        Assert.Contains(result.AllProblems, p => p.Row == row && p.Column == column && p.Code == code && (value is null || p.Value == value));
        Assert.All(result.AllProblems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
        Assert.Equal(before, await bed.StateAsync());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task OutOfScopeUnit_IsRejectedForADistrictEditor_AndNothingChanges(DatabaseProvider provider)
    {
        await using var bed = await CreateAsync(provider);
        var before = await bed.StateAsync();
        var editorOfC2 = new ImportActor("editor-c2@test", true, false, "C2");

        var result = await bed.ImportAsync("meetings", "out-of-scope.csv", await File.ReadAllBytesAsync(Path.Combine(CorpusDirectory, "out-of-scope.csv"), Ct), editorOfC2);

        Assert.Equal(ImportOutcome.Rejected, result.Report.Outcome);
        var problem = Assert.Single(result.AllProblems);
        Assert.Equal((2, "unit_code", "OutOfScope", "C1"), (problem.Row, problem.Column, problem.Code, problem.Value));
        Assert.Equal(before, await bed.StateAsync());
    }

    [Fact]
    public async Task UserWithoutImportRights_IsRefusedBeforeReading()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var reader = new ImportActor("reader@test", false, false, null);

        await Assert.ThrowsAsync<ImportRefusedException>(() => bed.ImportAsync("meetings", "q.csv", MeetingsFile(MeetingRow("C1", 7, 10)), reader));
    }

    [Fact]
    public async Task FileOverTheSizeLimit_IsRejected_WithBothSizes()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var before = await bed.StateAsync();
        var big = new StringBuilder(MeetingsHeader + "\n");
        while (big.Length <= 1024 * 1024)
        {
            big.Append(MeetingRow("C1", 7, 10)).Append('\n');
        }

        var result = await bed.ImportAsync("meetings", "big.csv", big.ToString());

        var problem = Assert.Single(result.AllProblems);
        Assert.Equal("FileTooLarge", problem.Code);
        Assert.Matches(@"1[,.]0 MB", problem.Message);
        Assert.Equal(before, await bed.StateAsync());
    }

    [Fact]
    public async Task TenThousandErrors_AreAllCounted_GroupedAndListed_TheReportStaysShort()
    {
        await using var bed = await CreateAsync(DatabaseProvider.Sqlite);
        var before = await bed.StateAsync();
        var file = new StringBuilder(MeetingsHeader + "\n");
        for (var i = 0; i < 10_000; i++)
        {
            file.Append(MeetingRow("C1", 7, 1 + (i % 28)).Replace(",95,", ",0,", StringComparison.Ordinal).Replace("C1,", $"X{i},", StringComparison.Ordinal)).Append('\n');
        }

        using var result = await bed.ImportAsync("meetings", "errors.csv", file.ToString());

        var report = result.Report;
        Assert.Equal(ImportOutcome.Rejected, report.Outcome);
        Assert.Equal(20_000, report.ProblemCount);
        Assert.Equal(10_000, report.RejectedRows);
        Assert.Equal(20_000, result.AllProblems.Count);
        Assert.Equal(200, report.Problems.Count);
        Assert.Equal(2, report.ProblemGroups.Count);
        Assert.All(report.ProblemGroups, g => Assert.Equal(10_000, g.Count));
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10, 11], report.ProblemGroups.Single(g => g.Column == "unit_code").FirstRows);
        var listed = result.AllProblems.ToList();
        Assert.Equal(20_000, listed.Count);
        Assert.Equal(Enumerable.Range(2, 10_000).SelectMany(row => new[] { row, row }), listed.Select(p => p.Row));
        Assert.Equal((10_001, "duration_minutes", "0"), (listed[^1].Row, listed[^1].Column, listed[^1].Value));
        using var csvStream = new MemoryStream();
        await result.AllProblems.WriteCsvAsync(csvStream, TestContext.Current.CancellationToken);
        var csv = Encoding.UTF8.GetString(csvStream.ToArray());
        Assert.Equal(20_001, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("10001,\"duration_minutes\",\"0\",", csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
        Assert.Equal(before, await bed.StateAsync());
    }
}
