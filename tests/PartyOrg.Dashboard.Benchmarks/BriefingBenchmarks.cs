using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.Briefings;
using PartyOrg.Dashboard.Features.Briefings.Documents;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Benchmarks;

/// <summary>The briefing documents' target: all three formats of the province's briefing for one quarter ≤ 10 s.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class BriefingBenchmarks
{
    private static readonly BriefingRequest Request = new(new Quarter(2024, 4), "TV", CultureInfo.GetCultureInfo("vi-VN"));
    private BriefingDocumentRenderer _renderer = default!;

    [Params(1)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var db = BenchmarkDatabase.OpenAsync(Scale).GetAwaiter().GetResult();
        var localizer = new StringLocalizer<BriefingText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
        var builder = new BriefingBuilder(db.Trees, db.Metrics, db.Aggregates, db.Contexts, localizer, new AppClock(new FakeTimeProvider(BenchmarkDatabase.Now)));
        _renderer = new BriefingDocumentRenderer(builder, NullLogger<BriefingDocumentRenderer>.Instance);
    }

    [Benchmark(Description = "province briefing 2024-Q4: PDF + DOCX + XLSX")]
    public async Task<long> AllThreeFormats()
    {
        var rendered = await _renderer.RenderAsync(Request, [BriefingFormat.Pdf, BriefingFormat.Docx, BriefingFormat.Xlsx], CancellationToken.None);
        return rendered.Files.Sum(f => (long)f.Content.Length);
    }
}
