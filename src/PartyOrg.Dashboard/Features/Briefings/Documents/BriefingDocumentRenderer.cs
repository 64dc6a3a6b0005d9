using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PartyOrg.Dashboard.Features.Briefings.Documents;

/// <summary>
/// The <see cref="IBriefingRenderer"/> of the documents: builds the model once from the aggregates, draws
/// the charts once, and writes each asked format from them. File names carry scope, quarter and data
/// version: <c>bao-cao-TV-2024-Q4-v3.pdf</c>.
/// </summary>
public sealed partial class BriefingDocumentRenderer(BriefingBuilder builder, ILogger<BriefingDocumentRenderer> logger) : IBriefingRenderer
{
    public async Task<RenderedBriefing> RenderAsync(BriefingRequest request, IReadOnlyCollection<BriefingFormat> formats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(formats);
        var stopwatch = Stopwatch.StartNew();
        var model = await builder.BuildAsync(request, cancellationToken);
        var wanted = formats.Distinct().Order().ToList();
        var charts = wanted.Any(f => f != BriefingFormat.Xlsx)
            ? model.Sections.Select(s => BriefingCharts.Render(s.Chart, request.Culture)).ToList()
            : [];
        var files = new List<BriefingFile>();
        foreach (var format in wanted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (content, type) = format switch
            {
                BriefingFormat.Pdf => (PdfBriefingWriter.Write(model, charts), "application/pdf"),
                BriefingFormat.Docx => (DocxBriefingWriter.Write(model, charts), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                BriefingFormat.Xlsx => (XlsxBriefingWriter.Write(model), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                _ => throw new ArgumentOutOfRangeException(nameof(formats), format, "Unknown briefing format."),
            };
            files.Add(new BriefingFile(format, FileName(model, format), type, content));
        }

        LogRendered(logger, request.ScopeCode, request.Quarter, wanted, stopwatch.ElapsedMilliseconds);
        return new RenderedBriefing(request, model.ScopeName, model.DataVersion, model.ComputedAt, files);
    }

    /// <summary>ASCII only, so that every browser and file system keeps it as it is.</summary>
    internal static string FileName(BriefingModel model, BriefingFormat format)
    {
        var code = new string(model.ScopeCode.Normalize(NormalizationForm.FormD).Where(char.IsAsciiLetterOrDigit).ToArray());
        var language = model.Texts.IsVietnamese ? "bao-cao" : "briefing";
        return string.Create(CultureInfo.InvariantCulture, $"{language}-{code}-{model.Request.Quarter}-v{model.DataVersion}.{format.ToString().ToLowerInvariant()}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Briefing {Scope} {Quarter} rendered as {Formats} in {Milliseconds} ms.")]
    private static partial void LogRendered(ILogger logger, string scope, Infrastructure.Time.Quarter quarter, IReadOnlyList<BriefingFormat> formats, long milliseconds);
}
