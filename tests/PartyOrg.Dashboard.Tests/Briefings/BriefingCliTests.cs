using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Briefings;
using PartyOrg.Dashboard.Features.Cli;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Aggregates;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Briefings;

/// <summary><c>briefing --quarter --scope --format --out</c>: one line and no file on bad input; the archived bytes otherwise.</summary>
public sealed class BriefingCliTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Out => Path.Combine(_db.Directory, "out", "briefing.pdf");

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Directory.CreateDirectory(Path.GetDirectoryName(Out)!);
        await using var context = _db.CreateContext();
        await TinyProvince.SeedAsync(context, Ct);
        await DataVersions.MarkChangedAsync(context, [TinyProvince.Quarter], DateTimeOffset.UnixEpoch, Ct);
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var renderer = new FakeBriefingRenderer(_db.Contexts);
        CommandHost.TestServices.Value = services => services.AddSingleton<IBriefingRenderer>(renderer);
        try
        {
            var exit = await AdminCommands.RunAsync([.. args, "--data-dir", _db.Directory], output, errors, new StringReader(string.Empty));
            return (exit, output.ToString(), errors.ToString());
        }
        finally
        {
            CommandHost.TestServices.Value = null;
        }
    }

    private static void AssertOneLine(string text, string expected)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-Q5", "TC", "pdf", "vi", AdminCommands.Usage, "--quarter")]
    [InlineData("Q4/2024", "P", "pdf", "vi", AdminCommands.Usage, "--quarter")]
    [InlineData("2024-Q4", "P", "odt", "vi", AdminCommands.Usage, "--format")]
    [InlineData("2024-Q4", "P", "pdf", "fr", AdminCommands.Usage, "--culture")]
    [InlineData("2024-Q4", "NOPE", "pdf", "vi", AdminCommands.Failed, "--scope 'NOPE'")]
    [InlineData("2030-Q1", "P", "pdf", "vi", AdminCommands.Failed, "2030-Q1")]
    public async Task Briefing_WithBadInput_SaysWhatInOneLine_AndWritesNothing(string quarter, string scope, string format, string culture, int exit, string expected)
    {
        var result = await RunAsync("briefing", "--quarter", quarter, "--scope", scope, "--format", format, "--culture", culture, "--out", Out);

        Assert.Equal(exit, result.Exit);
        AssertOneLine(result.Err, expected);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Out)!));
        await using var context = _db.CreateContext();
        Assert.False(await context.Briefings.AnyAsync(Ct));
    }

    [Fact]
    public async Task Briefing_WithoutOut_IsAUsageError()
    {
        var result = await RunAsync("briefing", "--quarter", "2024-Q4", "--scope", "P", "--format", "pdf");

        Assert.Equal(AdminCommands.Usage, result.Exit);
        AssertOneLine(result.Err, "--out");
    }

    [Fact]
    public async Task Briefing_IntoAMissingDirectory_IsRefused()
    {
        var result = await RunAsync("briefing", "--quarter", "2024-Q4", "--scope", "P", "--format", "pdf", "--out", Path.Combine(_db.Directory, "nowhere", "b.pdf"));

        Assert.Equal(AdminCommands.Failed, result.Exit);
        AssertOneLine(result.Err, "--out");
    }

    [Theory]
    [InlineData("pdf", BriefingFormat.Pdf, "vi", "vi-VN")]
    [InlineData("XLSX", BriefingFormat.Xlsx, "en", "en-US")]
    public async Task Briefing_OnAStaleQuarter_RecomputesRendersArchivesAndWritesTheFile(string formatText, BriefingFormat format, string culture, string cultureName)
    {
        var result = await RunAsync("briefing", "--quarter", "2024-Q4", "--scope", "D", "--format", formatText, "--culture", culture, "--out", Out);

        Assert.Equal(AdminCommands.Ok, result.Exit);
        Assert.Equal(string.Empty, result.Err);
        Assert.Contains("aggregates recomputed first", result.Out, StringComparison.Ordinal);
        var expected = FakeBriefingRenderer.Bytes(new BriefingRequest(TinyProvince.Quarter, "D", CultureInfo.GetCultureInfo(cultureName)), 1, format);
        Assert.Equal(expected, await File.ReadAllBytesAsync(Out, Ct));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(Out)!)); // no temporary file left behind
        await using var context = _db.CreateContext();
        var archived = await context.Briefings.AsNoTracking().Include(b => b.Files).SingleAsync(Ct);
        Assert.Equal(("D", culture, 3), (archived.ScopeCode, archived.Culture, archived.Files.Count));
        Assert.StartsWith("cli:", archived.GeneratedBy, StringComparison.Ordinal);
        var state = await context.QuarterStates.AsNoTracking().SingleAsync(s => s.QuarterKey == TinyProvince.Quarter.Key, Ct);
        Assert.Equal(state.DataVersion, state.ComputedVersion);
    }

    [Fact]
    public async Task Briefing_Twice_OnUnchangedData_WritesTheArchivedVersionAgain()
    {
        var first = await RunAsync("briefing", "--quarter", "2024-Q4", "--scope", "P", "--format", "docx", "--out", Out);
        var bytes = await File.ReadAllBytesAsync(Out, Ct);
        File.Delete(Out);

        var second = await RunAsync("briefing", "--quarter", "2024-Q4", "--scope", "P", "--format", "docx", "--out", Out);

        Assert.Equal((AdminCommands.Ok, AdminCommands.Ok), (first.Exit, second.Exit));
        Assert.Contains("already archived", second.Out, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Out, Ct));
        await using var context = _db.CreateContext();
        Assert.Equal(1, await context.Briefings.CountAsync(Ct));
    }
}
