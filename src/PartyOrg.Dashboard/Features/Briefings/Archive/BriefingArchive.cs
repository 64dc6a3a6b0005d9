using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Briefings.Archive;

public sealed record ArchivedFileInfo(BriefingFormat Format, string FileName, string ContentType, long Size, string Sha256);

public sealed record ArchivedBriefingInfo(
    int Id,
    Quarter Quarter,
    int ScopeUnitId,
    string ScopeCode,
    string ScopeName,
    string Culture,
    long DataVersion,
    DateTimeOffset ComputedAt,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    IReadOnlyList<ArchivedFileInfo> Files);

public sealed record ArchivedBriefingPage(int Total, IReadOnlyList<ArchivedBriefingInfo> Items);

/// <summary>The bytes of one archived file, for a download.</summary>
public sealed record ArchivedFileContent(ArchivedFileInfo File, DateTimeOffset GeneratedAt, byte[] Content);

public sealed record ArchiveResult(ArchivedBriefingInfo Briefing, bool Created);

/// <summary>
/// The immutable archive of generated briefings. A version and all its files are inserted by one
/// <c>SaveChanges</c> (one transaction): a crash leaves either the whole version or nothing. The unique
/// index on quarter, scope, language and data version makes storing idempotent.
/// </summary>
public sealed class BriefingArchive(IDbContextFactory<AppDbContext> contexts, BriefingAccess access, TimeProvider time)
{
    public async Task<ArchivedBriefingInfo?> FindAsync(Quarter quarter, int scopeUnitId, string culture, long dataVersion, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = quarter.Key;
        var id = await db.Briefings.AsNoTracking()
            .Where(b => b.QuarterKey == key && b.ScopeUnitId == scopeUnitId && b.Culture == culture && b.DataVersion == dataVersion)
            .Select(b => (int?)b.Id)
            .SingleOrDefaultAsync(cancellationToken);
        return id is { } found ? (await LoadAsync(db, [found], cancellationToken)).Single() : null;
    }

    /// <summary>
    /// Archives <paramref name="rendered"/> for the scope unit, or returns the version already archived
    /// for the same quarter, scope, language and data version.
    /// </summary>
    /// <exception cref="ArgumentException">The rendering lacks a format, repeats one, or has an empty file.</exception>
    public async Task<ArchiveResult> StoreAsync(int scopeUnitId, string scopeCode, RenderedBriefing rendered, string generatedBy, CancellationToken cancellationToken)
    {
        var culture = BriefingCultures.KeyOf(rendered.Request.Culture);
        var quarter = rendered.Request.Quarter;
        if (await FindAsync(quarter, scopeUnitId, culture, rendered.DataVersion, cancellationToken) is { } existing)
        {
            return new ArchiveResult(existing, false);
        }

        var formats = rendered.Files.Select(f => f.Format).ToList();
        if (formats.Count == 0 || formats.Distinct().Count() != formats.Count || rendered.Files.Any(f => f.Content.Length == 0))
        {
            throw new ArgumentException($"the rendering of {quarter} for {scopeCode} must hold each format once, none empty (got {string.Join(", ", formats)})", nameof(rendered));
        }

        var entity = new ArchivedBriefing
        {
            QuarterKey = quarter.Key,
            ScopeUnitId = scopeUnitId,
            ScopeCode = scopeCode,
            ScopeName = Truncate(rendered.ScopeName, 200),
            Culture = culture,
            DataVersion = rendered.DataVersion,
            ComputedAt = rendered.ComputedAt.ToUniversalTime(),
            GeneratedAt = time.GetUtcNow().ToUniversalTime(),
            GeneratedBy = Truncate(generatedBy, 256),
            Files = rendered.Files.OrderBy(f => f.Format).Select(f => new ArchivedBriefingFile
            {
                Format = f.Format,
                FileName = BriefingFileNames.Sanitize(f.FileName, quarter, scopeCode, f.Format),
                ContentType = f.ContentType,
                Size = f.Content.LongLength,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(f.Content)),
                Content = f.Content,
            }).ToList(),
        };

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Briefings.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another generation of the same version committed first: its row is the archived one.
            if (await FindAsync(quarter, scopeUnitId, culture, rendered.DataVersion, cancellationToken) is { } raced)
            {
                return new ArchiveResult(raced, false);
            }

            throw;
        }

        return new ArchiveResult((await LoadAsync(db, [entity.Id], cancellationToken)).Single(), true);
    }

    /// <summary>Which (quarter, scope code) pairs have at least one version in <paramref name="culture"/>.</summary>
    public async Task<IReadOnlySet<(Quarter Quarter, string ScopeCode)>> ArchivedScopesAsync(IReadOnlyCollection<Quarter> quarters, string culture, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = quarters.Select(q => q.Key).ToList();
        var rows = await db.Briefings.AsNoTracking()
            .Where(b => keys.Contains(b.QuarterKey) && b.Culture == culture)
            .Select(b => new { b.QuarterKey, b.ScopeCode })
            .Distinct()
            .ToListAsync(cancellationToken);
        return rows.Select(r => (Quarter.FromKey(r.QuarterKey), r.ScopeCode)).ToHashSet();
    }

    /// <summary>The versions the user may see, newest first, filtered by quarter and scope code, one page of them.</summary>
    public async Task<ArchivedBriefingPage> ListAsync(ClaimsPrincipal user, Quarter? quarter, string? scopeCode, int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(0, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Briefings.AsNoTracking();
        if (quarter is { } q)
        {
            var key = q.Key;
            query = query.Where(b => b.QuarterKey == key);
        }

        if (!string.IsNullOrWhiteSpace(scopeCode))
        {
            var code = scopeCode.Trim();
            query = query.Where(b => b.ScopeCode == code);
        }

        // Headers only (a few thousand rows at most); visibility depends on each quarter's tree.
        var headers = await query.OrderByDescending(b => b.Id)
            .Select(b => new { b.Id, b.QuarterKey, b.ScopeUnitId })
            .ToListAsync(cancellationToken);
        var visibleByQuarter = new Dictionary<int, IReadOnlySet<int>?>();
        foreach (var quarterKey in headers.Select(h => h.QuarterKey).Distinct())
        {
            visibleByQuarter[quarterKey] = await access.VisibleUnitsAsync(user, Quarter.FromKey(quarterKey), cancellationToken);
        }

        var visible = headers.Where(h => visibleByQuarter[h.QuarterKey] is not { } units || units.Contains(h.ScopeUnitId)).ToList();
        var ids = visible.Skip(page * pageSize).Take(pageSize).Select(h => h.Id).ToList();
        return new ArchivedBriefingPage(visible.Count, await LoadAsync(db, ids, cancellationToken));
    }

    /// <summary>A version the user may see, or null (absent and out of scope look the same).</summary>
    public async Task<ArchivedBriefingInfo?> GetAsync(ClaimsPrincipal user, int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var header = await db.Briefings.AsNoTracking().Where(b => b.Id == id)
            .Select(b => new { b.QuarterKey, b.ScopeUnitId }).SingleOrDefaultAsync(cancellationToken);
        if (header is null || !await access.CanSeeAsync(user, Quarter.FromKey(header.QuarterKey), header.ScopeUnitId, cancellationToken))
        {
            return null;
        }

        return (await LoadAsync(db, [id], cancellationToken)).Single();
    }

    /// <summary>One file's bytes, if the user may see its briefing.</summary>
    public async Task<ArchivedFileContent?> GetFileAsync(ClaimsPrincipal user, int id, BriefingFormat format, CancellationToken cancellationToken) =>
        await GetAsync(user, id, cancellationToken) is null ? null : await ReadFileAsync(id, format, cancellationToken);

    /// <summary>One file's bytes, for a caller trusted with the whole archive (an admin command).</summary>
    public async Task<ArchivedFileContent?> ReadFileAsync(int id, BriefingFormat format, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.BriefingFiles.AsNoTracking()
            .Where(f => f.BriefingId == id && f.Format == format)
            .Select(f => new { f.FileName, f.ContentType, f.Size, f.Sha256, f.Content })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var generatedAt = await db.Briefings.Where(b => b.Id == id).Select(b => b.GeneratedAt).SingleAsync(cancellationToken);
        return new ArchivedFileContent(new ArchivedFileInfo(format, row.FileName, row.ContentType, row.Size, row.Sha256), generatedAt, row.Content);
    }

    private static async Task<List<ArchivedBriefingInfo>> LoadAsync(AppDbContext db, List<int> list, CancellationToken cancellationToken)
    {
        if (list.Count == 0)
        {
            return [];
        }

        var versions = await db.Briefings.AsNoTracking().Where(b => list.Contains(b.Id))
            .Select(b => new { b.Id, b.QuarterKey, b.ScopeUnitId, b.ScopeCode, b.ScopeName, b.Culture, b.DataVersion, b.ComputedAt, b.GeneratedAt, b.GeneratedBy })
            .ToListAsync(cancellationToken);
        var files = await db.BriefingFiles.AsNoTracking().Where(f => list.Contains(f.BriefingId))
            .Select(f => new { f.BriefingId, f.Format, f.FileName, f.ContentType, f.Size, f.Sha256 })
            .ToListAsync(cancellationToken);
        var filesOf = files.ToLookup(f => f.BriefingId);
        var byId = versions.ToDictionary(v => v.Id, v => new ArchivedBriefingInfo(
            v.Id, Quarter.FromKey(v.QuarterKey), v.ScopeUnitId, v.ScopeCode, v.ScopeName, v.Culture, v.DataVersion, v.ComputedAt, v.GeneratedAt, v.GeneratedBy,
            filesOf[v.Id].OrderBy(f => f.Format).Select(f => new ArchivedFileInfo(f.Format, f.FileName, f.ContentType, f.Size, f.Sha256)).ToList()));
        return list.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
