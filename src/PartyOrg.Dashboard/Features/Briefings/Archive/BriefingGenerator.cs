using System.Diagnostics;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Briefings.Archive;

/// <summary>A briefing the generator could not produce, for a reason the caller can act on.</summary>
public sealed class BriefingUnavailableException(string message) : InvalidOperationException(message);

public sealed record GenerationResult(ArchivedBriefingInfo Briefing, bool Created, bool Recomputed, TimeSpan Elapsed);

/// <summary>
/// Generates one briefing: recomputes the quarter's aggregates first when they are stale or missing,
/// renders the three formats, and archives them. Unchanged data finds its archived version without
/// rendering anything; changed data gives a new version beside the old ones.
/// </summary>
public sealed partial class BriefingGenerator(
    IBriefingRenderer renderer,
    BriefingArchive archive,
    AggregateService aggregates,
    OrgTreeService trees,
    ILogger<BriefingGenerator> logger)
{
    /// <summary>Renders that meet freshly changed data (the renderer refuses stale aggregates) are retried this often.</summary>
    public const int Attempts = 3;

    /// <exception cref="KeyNotFoundException">No unit has the scope code in the quarter.</exception>
    /// <exception cref="BriefingUnavailableException">The quarter has no data, or another recompute of it is running.</exception>
    public async Task<GenerationResult> GenerateAsync(Quarter quarter, string scopeCode, string culture, string requestedBy, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var tree = await trees.GetTreeAsync(quarter, cancellationToken);
        var unit = tree.Find(scopeCode.Trim()) ?? throw new KeyNotFoundException($"no unit '{scopeCode}' existed at the end of {quarter}");
        var recomputed = false;
        for (var attempt = 1; ; attempt++)
        {
            var state = await aggregates.GetStateAsync(quarter, cancellationToken)
                ?? throw new BriefingUnavailableException($"{quarter} has no data: nothing was recorded for it");
            if (state.IsStale)
            {
                LogRecomputing(logger, quarter, state.DataVersion, state.ComputedVersion);
                var result = await aggregates.RecomputeAsync(quarter, cancellationToken);
                if (result.Outcome == RecomputeOutcome.AlreadyRunning)
                {
                    throw new BriefingUnavailableException($"the aggregates of {quarter} are {result.RunningElsewhere}; try again in a minute");
                }

                recomputed = true;
                state = await aggregates.GetStateAsync(quarter, cancellationToken) ?? state;
                if (state.IsStale && attempt < Attempts)
                {
                    continue; // The facts changed again while it computed.
                }
            }

            if (await archive.FindAsync(quarter, unit.Id, culture, state.DataVersion, cancellationToken) is { } existing)
            {
                return new GenerationResult(existing, false, recomputed, stopwatch.Elapsed);
            }

            RenderedBriefing rendered;
            try
            {
                rendered = await renderer.RenderAsync(new BriefingRequest(quarter, unit.Code, BriefingCultures.ToCulture(culture)), BriefingFormats.All, cancellationToken);
            }
            catch (InvalidOperationException ex) when (attempt < Attempts)
            {
                // The data moved on between our check and the render: recompute and try again.
                LogRetrying(logger, quarter, unit.Code, ex.Message);
                continue;
            }

            var stored = await archive.StoreAsync(unit.Id, unit.Code, rendered, requestedBy, cancellationToken);
            LogGenerated(logger, quarter, unit.Code, culture, rendered.DataVersion, stored.Created, stopwatch.Elapsed.TotalMilliseconds);
            return new GenerationResult(stored.Briefing, stored.Created, recomputed, stopwatch.Elapsed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Aggregates of {Quarter} are stale (data version {DataVersion}, computed {ComputedVersion}); recomputing before the briefing.")]
    private static partial void LogRecomputing(ILogger logger, Quarter quarter, long dataVersion, long? computedVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Briefing of {Quarter} for {Scope} met changed data ({Reason}); trying again.")]
    private static partial void LogRetrying(ILogger logger, Quarter quarter, string scope, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Briefing of {Quarter} for {Scope} ({Culture}), data version {DataVersion}: archived {Created} in {Milliseconds:0} ms.")]
    private static partial void LogGenerated(ILogger logger, Quarter quarter, string scope, string culture, long dataVersion, bool created, double milliseconds);
}
