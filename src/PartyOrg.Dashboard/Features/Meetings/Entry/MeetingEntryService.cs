using System.Globalization;
using System.Resources;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Forms;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Meetings.Entry;

/// <summary>A cell the user may pick: valid on the meeting's date and within their scope.</summary>
public sealed record CellOption(string Code, string Name, string? ParentName)
{
    public override string ToString() => $"{Code} — {Name}";
}

/// <summary>A stored meeting as the form edits it.</summary>
public sealed record StoredMeeting(int Id, MeetingInput Input, string CellName);

/// <summary>One line of a cell's meetings, with whether the user may correct it.</summary>
public sealed record MeetingListItem(int Id, DateOnly Date, MeetingKind Kind, MeetingMode Mode, int DurationMinutes, int Expected, int Present, int? Score, string SourceLabel);

/// <summary>The outcome of a save: the meeting's id, or the problems that kept it from being written.</summary>
public sealed record MeetingSaveResult(int? MeetingId, bool Created, IReadOnlyList<RuleProblem> Problems, IReadOnlyList<string> RecomputeJobs)
{
    public bool Saved => MeetingId is not null && Problems.Count == 0;

    public static MeetingSaveResult Refused(IReadOnlyList<RuleProblem> problems) => new(null, false, problems, []);
}

/// <summary>
/// Enters or corrects one meeting of a cell: the shared <see cref="MeetingRules"/>, then the checks
/// that need the database (the user's scope on the meeting's date, a duplicate of the same cell, day
/// and kind), then one transaction with a form-entry source, the meeting, the quarters marked and an
/// audit line. The recomputes are queued after the commit.
/// </summary>
public sealed class MeetingEntryService(IDbContextFactory<AppDbContext> contexts, AppClock clock, FactChanges changes, AuditLog audit, ScopeResolver scopes)
{
    private static readonly ResourceManager Text = new(typeof(MeetingEntryText).FullName!, typeof(MeetingEntryText).Assembly);
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Cells valid on <paramref name="date"/> in the user's scope whose code or name contains <paramref name="search"/>.</summary>
    public async Task<IReadOnlyList<CellOption>> FindCellsAsync(ClaimsPrincipal user, DateOnly date, string? search, int limit, CancellationToken cancellationToken)
    {
        if (!FormAccess.CanEditMeetings(user))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tree = await FormAccess.TreeOnAsync(db, date, cancellationToken);
        var scope = await scopes.ResolveAsync(UserScope.For(user), tree, date, cancellationToken);
        var term = search?.Trim() ?? string.Empty;
        return scope.Units
            .Where(n => n.Kind.HoldsMeetings())
            .Where(n => term.Length == 0
                || n.Code.Contains(term, StringComparison.OrdinalIgnoreCase)
                || n.Name.Contains(term, StringComparison.CurrentCultureIgnoreCase))
            .OrderBy(n => n.Code, StringComparer.Ordinal)
            .Take(limit)
            .Select(n => ToOption(tree, n))
            .ToList();
    }

    /// <summary>The cell <paramref name="code"/> if it is valid on <paramref name="date"/> and in the user's scope.</summary>
    public async Task<CellOption?> FindCellAsync(ClaimsPrincipal user, string code, DateOnly date, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tree = await FormAccess.TreeOnAsync(db, date, cancellationToken);
        return FormAccess.CanEditMeetings(user) && tree.Find(code.Trim()) is { } node && node.Kind.HoldsMeetings()
            && (await scopes.ResolveAsync(UserScope.For(user), tree, date, cancellationToken)).CanSee(node)
            ? ToOption(tree, node)
            : null;
    }

    /// <summary>What the rules need to know of the unit with that code (its kind on <paramref name="date"/> and its life), or null.</summary>
    public async Task<MeetingUnit?> RulesUnitAsync(string code, DateOnly date, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await FindUnitAsync(db, code.Trim(), date, cancellationToken))?.Rules;
    }

    /// <summary>A stored meeting, if the user may correct it (its cell is in their scope on its date).</summary>
    public async Task<StoredMeeting?> LoadAsync(ClaimsPrincipal user, int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null || !FormAccess.CanEditMeetings(user))
        {
            return null;
        }

        var tree = await FormAccess.TreeOnAsync(db, meeting.Date, cancellationToken);
        if (tree.Find(meeting.UnitId) is not { } node || !(await scopes.ResolveAsync(UserScope.For(user), tree, meeting.Date, cancellationToken)).CanSee(node))
        {
            return null;
        }

        return new StoredMeeting(meeting.Id, ToInput(meeting, node.Code), node.Name);
    }

    /// <summary>The meetings of a cell in a quarter, if the cell is in the user's scope at the quarter's end.</summary>
    public async Task<IReadOnlyList<MeetingListItem>?> ListAsync(ClaimsPrincipal user, string code, Quarter quarter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tree = await FormAccess.TreeOnAsync(db, quarter.End, cancellationToken);
        if (tree.Find(code.Trim()) is not { } node || !(await scopes.ResolveAsync(UserScope.For(user), tree, quarter.End, cancellationToken)).CanSee(node))
        {
            return null;
        }

        var (start, end) = (quarter.Start, quarter.End);
        return await (
            from m in db.Meetings.AsNoTracking()
            join s in db.FactSources on m.SourceId equals s.Id
            where m.UnitId == node.Id && m.Date >= start && m.Date <= end
            orderby m.Date, m.Kind
            select new MeetingListItem(m.Id, m.Date, m.Kind, m.Mode, m.DurationMinutes, m.Expected, m.Present, m.Score, s.Label))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Stores a new meeting (<paramref name="meetingId"/> null) or corrects a stored one. Nothing is
    /// written when any problem is found; every problem found is returned at once.
    /// </summary>
    public async Task<MeetingSaveResult> SaveAsync(ClaimsPrincipal user, int? meetingId, MeetingInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        input = input with { UnitCode = input.UnitCode.Trim() };
        if (!FormAccess.CanEditMeetings(user))
        {
            return MeetingSaveResult.Refused([Problem(nameof(MeetingInput.UnitCode), "NotAllowed")]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var scope = UserScope.For(user);
        var problems = new List<RuleProblem>();

        Meeting? existing = null;
        if (meetingId is { } id)
        {
            existing = await db.Meetings.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
            var oldTree = existing is null ? null : await FormAccess.TreeOnAsync(db, existing.Date, cancellationToken);
            if (existing is null || oldTree!.Find(existing.UnitId) is not { } oldNode
                || !(await scopes.ResolveAsync(scope, oldTree, existing.Date, cancellationToken)).CanSee(oldNode))
            {
                // A meeting outside the scope is reported exactly like a missing one.
                return MeetingSaveResult.Refused([Problem(nameof(MeetingInput.UnitCode), "MeetingNotFound", id)]);
            }
        }

        var unit = await FindUnitAsync(db, input.UnitCode, input.Date, cancellationToken);
        problems.AddRange(MeetingRules.Check(input, unit?.Rules, clock.Today));
        var tree = await FormAccess.TreeOnAsync(db, input.Date, cancellationToken);
        var scopeOnDate = await scopes.ResolveAsync(scope, tree, input.Date, cancellationToken);
        if (unit is not null && tree.Find(unit.Id) is { } node && !scopeOnDate.CanSee(node))
        {
            problems.Add(Problem(nameof(MeetingInput.UnitCode), "OutsideScope", unit.Rules.Code));
        }
        else if (unit is not null && !scope.WholeProvince && tree.Find(unit.Id) is null)
        {
            // Not in the tree of that day: the rules already say so; the scope cannot be confirmed either.
            problems.Add(Problem(nameof(MeetingInput.UnitCode), "OutsideScope", unit.Rules.Code));
        }

        if (unit is not null && problems.Count == 0
            && await db.Meetings.AnyAsync(m => m.UnitId == unit.Id && m.Date == input.Date && m.Kind == input.Kind && m.Id != (meetingId ?? 0), cancellationToken))
        {
            problems.Add(Problem(nameof(MeetingInput.Date), "Duplicate", unit.Rules.Code, KindName(input.Kind, CultureInfo.CurrentUICulture), input.Date));
        }

        if (problems.Count > 0)
        {
            return MeetingSaveResult.Refused(problems);
        }

        var actor = FormAccess.Actor(user);
        var quarters = new List<Quarter> { Quarter.Containing(input.Date) };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var source = new FactSource
            {
                Kind = FactSourceKind.FormEntry,
                Label = string.Create(Vietnamese, $"Biểu mẫu: sinh hoạt chi bộ {unit!.Rules.Code} {input.Date:dd/MM/yyyy}"),
                CreatedBy = actor,
                CreatedAt = clock.TimeProvider.GetUtcNow(),
            };
            db.FactSources.Add(source);
            await db.SaveChangesAsync(cancellationToken);

            string details;
            if (existing is null)
            {
                existing = new Meeting();
                Apply(existing, unit.Id, input, source.Id);
                db.Meetings.Add(existing);
                details = Describe(input);
            }
            else
            {
                var oldCode = await db.Units.Where(u => u.Id == existing.UnitId).Select(u => u.Code).SingleAsync(cancellationToken);
                var before = ToInput(existing, oldCode);
                quarters.Add(Quarter.Containing(existing.Date));
                // The correction becomes the meeting's source; the creating one is kept so that undoing it refuses.
                existing.OriginSourceId ??= existing.SourceId;
                Apply(existing, unit.Id, input, source.Id);
                details = Difference(before, input);
            }

            await db.SaveChangesAsync(cancellationToken);
            await changes.MarkAsync(db, quarters, cancellationToken);
            var created = meetingId is null;
            audit.Record(db, actor, AuditAction.MeetingForm,
                string.Create(CultureInfo.InvariantCulture, $"{unit.Rules.Code} {input.Date:dd/MM/yyyy} {input.Kind} (#{existing.Id})"),
                source.Id, added: created ? 1 : 0, changed: created ? 0 : 1,
                details: $"{details}; quarters {string.Join(", ", quarters.Distinct().Order())}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var jobs = changes.EnqueueRecomputes(quarters);
        return new MeetingSaveResult(existing.Id, meetingId is null, [], jobs);
    }

    /// <summary>The localized name of a meeting kind ("thường kỳ", "regular").</summary>
    public static string KindName(MeetingKind kind, CultureInfo culture) => Text.GetString("Kind" + kind, culture) ?? kind.ToString();

    private static RuleProblem Problem(string field, string key, params object?[] args) =>
        new(field, string.Format(CultureInfo.CurrentCulture, Text.GetString(key, CultureInfo.CurrentUICulture) ?? key, args));

    private static CellOption ToOption(OrgTree tree, OrgNode node) =>
        new(node.Code, node.Name, node.ParentId is { } p ? tree.Find(p)?.Name : null);

    private sealed record FoundUnit(int Id, MeetingUnit Rules);

    /// <summary>The unit with that code and its kind on the date (or, when it did not exist then, its nearest version).</summary>
    private static async Task<FoundUnit?> FindUnitAsync(AppDbContext db, string code, DateOnly date, CancellationToken cancellationToken)
    {
        var upper = code.ToUpperInvariant();
        var unit = await db.Units.AsNoTracking().Where(u => u.Code == upper)
            .Select(u => new { u.Id, u.Code, u.ValidFrom, u.ValidTo })
            .FirstOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var versions = await db.UnitVersions.AsNoTracking().Where(v => v.UnitId == unit.Id)
            .Select(v => new { v.Kind, v.ValidFrom, v.ValidTo }).ToListAsync(cancellationToken);
        var kind = versions.FirstOrDefault(v => v.ValidFrom <= date && (v.ValidTo is null || date < v.ValidTo))?.Kind
            ?? versions.OrderByDescending(v => v.ValidFrom).First().Kind;
        return new FoundUnit(unit.Id, new MeetingUnit(unit.Code, kind, unit.ValidFrom, unit.ValidTo));
    }

    private static void Apply(Meeting meeting, int unitId, MeetingInput input, int sourceId)
    {
        meeting.UnitId = unitId;
        meeting.Date = input.Date;
        meeting.Kind = input.Kind;
        meeting.Mode = input.Mode;
        meeting.DurationMinutes = input.DurationMinutes;
        meeting.DocumentsAhead = input.DocumentsAhead;
        meeting.UpperLevelAttended = input.UpperLevelAttended;
        meeting.Expected = input.Expected;
        meeting.Present = input.Present;
        meeting.AbsentWithReason = input.AbsentWithReason;
        meeting.AbsentWithoutReason = input.AbsentWithoutReason;
        meeting.ExemptAttended = input.ExemptAttended;
        meeting.Speakers = input.Speakers;
        meeting.Score = input.Score;
        meeting.SourceId = sourceId;
    }

    private static MeetingInput ToInput(Meeting m, string code) => new()
    {
        UnitCode = code,
        Date = m.Date,
        Kind = m.Kind,
        Mode = m.Mode,
        DurationMinutes = m.DurationMinutes,
        DocumentsAhead = m.DocumentsAhead,
        UpperLevelAttended = m.UpperLevelAttended,
        Expected = m.Expected,
        Present = m.Present,
        AbsentWithReason = m.AbsentWithReason,
        AbsentWithoutReason = m.AbsentWithoutReason,
        ExemptAttended = m.ExemptAttended,
        Speakers = m.Speakers,
        Score = m.Score,
    };

    private static IEnumerable<(string Field, string Value)> Fields(MeetingInput m) =>
    [
        (nameof(MeetingInput.UnitCode), m.UnitCode),
        (nameof(MeetingInput.Date), m.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        (nameof(MeetingInput.Kind), m.Kind.ToString()),
        (nameof(MeetingInput.Mode), m.Mode.ToString()),
        (nameof(MeetingInput.DurationMinutes), Invariant(m.DurationMinutes)),
        (nameof(MeetingInput.DocumentsAhead), m.DocumentsAhead ? "yes" : "no"),
        (nameof(MeetingInput.UpperLevelAttended), m.UpperLevelAttended ? "yes" : "no"),
        (nameof(MeetingInput.Expected), Invariant(m.Expected)),
        (nameof(MeetingInput.Present), Invariant(m.Present)),
        (nameof(MeetingInput.AbsentWithReason), Invariant(m.AbsentWithReason)),
        (nameof(MeetingInput.AbsentWithoutReason), Invariant(m.AbsentWithoutReason)),
        (nameof(MeetingInput.ExemptAttended), Invariant(m.ExemptAttended)),
        (nameof(MeetingInput.Speakers), Invariant(m.Speakers)),
        (nameof(MeetingInput.Score), m.Score is { } s ? Invariant(s) : "-"),
    ];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Describe(MeetingInput m) => string.Join(", ", Fields(m).Select(f => $"{f.Field}={f.Value}"));

    /// <summary>"Present: 10 → 11, Score: - → 85": the fields a correction changed, old and new.</summary>
    internal static string Difference(MeetingInput before, MeetingInput after)
    {
        var text = new StringBuilder();
        foreach (var ((field, old), (_, now)) in Fields(before).Zip(Fields(after)))
        {
            if (old != now)
            {
                text.Append(text.Length > 0 ? ", " : string.Empty).Append(field).Append(": ").Append(old).Append(" → ").Append(now);
            }
        }

        return text.Length > 0 ? text.ToString() : "no field changed";
    }
}

/// <summary>Marker for <c>MeetingEntryText.resx</c> (Vietnamese) and <c>MeetingEntryText.en.resx</c>.</summary>
public sealed class MeetingEntryText
{
    private MeetingEntryText()
    {
    }
}

public static class MeetingEntryServiceCollectionExtensions
{
    public static IServiceCollection AddMeetingEntry(this IServiceCollection services) =>
        services.AddTransient<MeetingEntryService>();
}
