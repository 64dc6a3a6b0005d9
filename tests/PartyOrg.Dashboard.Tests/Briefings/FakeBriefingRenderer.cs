using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Briefings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Tests.Briefings;

/// <summary>
/// A test double of the renderer that keeps its contract: it refuses a quarter whose aggregates are
/// missing or stale and a scope absent from the quarter's tree, and reports the data version it read.
/// Its bytes depend only on the request and that data version.
/// </summary>
public sealed class FakeBriefingRenderer(IDbContextFactory<AppDbContext> contexts) : IBriefingRenderer
{
    private readonly OrgTreeService _trees = new(contexts);

    public ConcurrentQueue<(BriefingRequest Request, long DataVersion)> Calls { get; } = new();

    /// <summary>Runs at the start of every render (e.g. to start another run while this one is under way).</summary>
    public Func<Task>? BeforeRender { get; set; }

    public static byte[] Bytes(BriefingRequest request, long dataVersion, BriefingFormat format) =>
        Encoding.UTF8.GetBytes($"{format}|{request.Quarter}|{request.ScopeCode}|{request.Culture.Name}|{dataVersion}");

    public static string FileName(BriefingRequest request, string shortName, BriefingFormat format) =>
        $"Báo cáo {request.Quarter} {shortName}.{format.ToString().ToLowerInvariant()}";

    public async Task<RenderedBriefing> RenderAsync(BriefingRequest request, IReadOnlyCollection<BriefingFormat> formats, CancellationToken cancellationToken)
    {
        if (BeforeRender is { } hook)
        {
            await hook();
        }

        var tree = await _trees.GetTreeAsync(request.Quarter, cancellationToken);
        var unit = tree.Find(request.ScopeCode) ?? throw new KeyNotFoundException($"no unit {request.ScopeCode} in {request.Quarter}");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = request.Quarter.Key;
        var state = await db.QuarterStates.AsNoTracking().SingleOrDefaultAsync(s => s.QuarterKey == key, cancellationToken);
        if (state?.ComputedAt is not { } computedAt || state.IsStale)
        {
            throw new InvalidOperationException($"the aggregates of {request.Quarter} are missing or stale");
        }

        Calls.Enqueue((request, state.DataVersion));
        var files = formats.Select(f => new BriefingFile(f, FileName(request, unit.ShortName, f), $"application/x-test-{f}", Bytes(request, state.DataVersion, f))).ToList();
        return new RenderedBriefing(request, unit.Name, state.DataVersion, computedAt, files);
    }
}
