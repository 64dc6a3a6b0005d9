using System.Globalization;
using System.Resources;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Forms;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Practices.Catalogue;

/// <summary>A practice as the catalogue form states it.</summary>
public sealed record PracticeInput
{
    public string Code { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string NameEn { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    public string? OriginUnitCode { get; init; }

    public DateOnly OriginDate { get; init; }

    public PracticeTarget Target { get; init; } = PracticeTarget.Cells;
}

/// <summary>An adoption as the form states it; <see cref="EndedOn"/> is exclusive, like every end date of the model.</summary>
public sealed record AdoptionInput
{
    public string UnitCode { get; init; } = string.Empty;

    public AdoptionStage Stage { get; init; } = AdoptionStage.Adopted;

    public DateOnly StartedOn { get; init; }

    public DateOnly? EndedOn { get; init; }

    public string? Notes { get; init; }
}

public sealed record PracticeRow(int Id, string Code, string Name, string NameEn, string Description, string? OriginUnitCode, DateOnly OriginDate, PracticeTarget Target, int Adoptions);

public sealed record AdoptionRow(int Id, string UnitCode, string UnitName, AdoptionStage Stage, DateOnly StartedOn, DateOnly? EndedOn, string? Notes);

public sealed record UnitOption(string Code, string Name)
{
    public override string ToString() => $"{Code} — {Name}";
}

/// <summary>The outcome of a save: the row's id, or every problem that kept it from being written.</summary>
public sealed record CatalogueSaveResult(int? Id, IReadOnlyList<RuleProblem> Problems, IReadOnlyList<string> RecomputeJobs)
{
    public bool Saved => Id is not null && Problems.Count == 0;

    public static CatalogueSaveResult Refused(params RuleProblem[] problems) => new(null, problems, []);
}

/// <summary>
/// The catalogue of models and practices and their adoptions, edited by the Organization Board. A
/// practice's code is its identity in the metric keys (<c>practices.coverage.CODE</c>): it is checked,
/// unique and never changed after creation. Every save is one transaction with a form-entry source,
/// the quarters it touches marked, and an audit line; recomputes are queued after the commit.
/// </summary>
public sealed partial class PracticeCatalogueService(IDbContextFactory<AppDbContext> contexts, AppClock clock, FactChanges changes, AuditLog audit)
{
    public const int MaxCodeLength = 32;
    private static readonly ResourceManager Text = new(typeof(PracticeCatalogueText).FullName!, typeof(PracticeCatalogueText).Assembly);

    public async Task<IReadOnlyList<PracticeRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Practices.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new PracticeRow(
                p.Id, p.Code, p.Name, p.NameEn, p.Description,
                db.Units.Where(u => u.Id == p.OriginUnitId).Select(u => u.Code).FirstOrDefault(),
                p.OriginDate, p.Target, db.Adoptions.Count(a => a.PracticeId == p.Id)))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AdoptionRow>> ListAdoptionsAsync(int practiceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from a in db.Adoptions.AsNoTracking()
            join u in db.Units on a.UnitId equals u.Id
            where a.PracticeId == practiceId
            select new { a.Id, u.Code, a.UnitId, a.Stage, a.StartedOn, a.EndedOn, a.Notes })
            .ToListAsync(cancellationToken);
        var unitIds = rows.Select(r => r.UnitId).Distinct().ToList();
        var names = (await db.UnitVersions.AsNoTracking().Where(v => unitIds.Contains(v.UnitId))
                .Select(v => new { v.UnitId, v.Name, v.ValidFrom }).ToListAsync(cancellationToken))
            .GroupBy(v => v.UnitId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.ValidFrom).First().Name);
        return rows.OrderBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.StartedOn)
            .Select(r => new AdoptionRow(r.Id, r.Code, names.GetValueOrDefault(r.UnitId, r.Code), r.Stage, r.StartedOn, r.EndedOn, r.Notes))
            .ToList();
    }

    /// <summary>Units of the practice's target kind valid on <paramref name="date"/> whose code or name contains <paramref name="search"/>.</summary>
    public async Task<IReadOnlyList<UnitOption>> FindTargetUnitsAsync(PracticeTarget target, DateOnly date, string? search, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tree = await FormAccess.TreeOnAsync(db, date, cancellationToken);
        var term = search?.Trim() ?? string.Empty;
        return tree.All.Where(n => AggregateCalculator.IsTarget(target, n))
            .Where(n => term.Length == 0 || n.Code.Contains(term, StringComparison.OrdinalIgnoreCase) || n.Name.Contains(term, StringComparison.CurrentCultureIgnoreCase))
            .OrderBy(n => n.Code, StringComparer.Ordinal)
            .Take(limit)
            .Select(n => new UnitOption(n.Code, n.Name))
            .ToList();
    }

    /// <summary>The rules a practice must keep that need no database: the form shows them as the user types.</summary>
    public static IReadOnlyList<RuleProblem> Check(PracticeInput practice, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(practice);
        var problems = new List<RuleProblem>();
        if (string.IsNullOrWhiteSpace(practice.Code))
        {
            problems.Add(Problem(nameof(PracticeInput.Code), "Required"));
        }
        else if (practice.Code.Length > MaxCodeLength || !CodePattern().IsMatch(practice.Code))
        {
            problems.Add(Problem(nameof(PracticeInput.Code), "CodeFormat", practice.Code, MaxCodeLength));
        }

        foreach (var (field, value, max) in new[]
        {
            (nameof(PracticeInput.Name), practice.Name, 300),
            (nameof(PracticeInput.NameEn), practice.NameEn, 300),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(Problem(field, "Required"));
            }
            else if (value.Trim().Length > max)
            {
                problems.Add(Problem(field, "TooLong", max));
            }
        }

        if (practice.Description.Length > 4000)
        {
            problems.Add(Problem(nameof(PracticeInput.Description), "TooLong", 4000));
        }

        if (practice.OriginDate == default)
        {
            problems.Add(Problem(nameof(PracticeInput.OriginDate), "Required"));
        }
        else if (practice.OriginDate > today)
        {
            problems.Add(Problem(nameof(PracticeInput.OriginDate), "InFuture", practice.OriginDate));
        }

        if (!Enum.IsDefined(practice.Target))
        {
            problems.Add(Problem(nameof(PracticeInput.Target), "UnknownTarget", (int)practice.Target));
        }

        return problems;
    }

    /// <summary>The rules of an adoption that need no database.</summary>
    public static IReadOnlyList<RuleProblem> Check(AdoptionInput adoption)
    {
        ArgumentNullException.ThrowIfNull(adoption);
        var problems = new List<RuleProblem>();
        if (string.IsNullOrWhiteSpace(adoption.UnitCode))
        {
            problems.Add(Problem(nameof(AdoptionInput.UnitCode), "Required"));
        }

        if (!Enum.IsDefined(adoption.Stage))
        {
            problems.Add(Problem(nameof(AdoptionInput.Stage), "UnknownStage", (int)adoption.Stage));
        }

        if (adoption.StartedOn == default)
        {
            problems.Add(Problem(nameof(AdoptionInput.StartedOn), "Required"));
        }
        else if (adoption.EndedOn is { } ended && ended < adoption.StartedOn)
        {
            problems.Add(Problem(nameof(AdoptionInput.EndedOn), "EndBeforeStart", ended, adoption.StartedOn));
        }

        if (adoption.Notes is { Length: > 1000 })
        {
            problems.Add(Problem(nameof(AdoptionInput.Notes), "TooLong", 1000));
        }

        return problems;
    }

    /// <summary>Creates a practice (<paramref name="practiceId"/> null) or edits one; its code never changes.</summary>
    public async Task<CatalogueSaveResult> SavePracticeAsync(ClaimsPrincipal user, int? practiceId, PracticeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!FormAccess.CanEditCatalogue(user))
        {
            return CatalogueSaveResult.Refused(Problem(nameof(PracticeInput.Code), "NotAllowed"));
        }

        input = input with
        {
            Code = input.Code.Trim(),
            Name = input.Name.Trim(),
            NameEn = input.NameEn.Trim(),
            Description = input.Description.Trim(),
            OriginUnitCode = string.IsNullOrWhiteSpace(input.OriginUnitCode) ? null : input.OriginUnitCode.Trim(),
        };
        var problems = Check(input, clock.Today).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Practice? practice = null;
        if (practiceId is { } id)
        {
            practice = await db.Practices.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (practice is null)
            {
                return CatalogueSaveResult.Refused(Problem(nameof(PracticeInput.Code), "PracticeNotFound", id));
            }

            if (!string.Equals(practice.Code, input.Code, StringComparison.Ordinal))
            {
                problems.RemoveAll(p => p.Field == nameof(PracticeInput.Code));
                problems.Add(Problem(nameof(PracticeInput.Code), "CodeImmutable", practice.Code));
            }
        }
        else if (problems.All(p => p.Field != nameof(PracticeInput.Code))
            && await db.Practices.AnyAsync(p => p.Code == input.Code, cancellationToken))
        {
            problems.Add(Problem(nameof(PracticeInput.Code), "CodeTaken", input.Code));
        }

        int? originUnitId = null;
        if (input.OriginUnitCode is { } originCode)
        {
            originUnitId = await db.Units.Where(u => u.Code == originCode).Select(u => (int?)u.Id).FirstOrDefaultAsync(cancellationToken);
            if (originUnitId is null)
            {
                problems.Add(Problem(nameof(PracticeInput.OriginUnitCode), "UnknownUnit", originCode));
            }
        }

        if (problems.Count > 0)
        {
            return CatalogueSaveResult.Refused([.. problems]);
        }

        var actor = FormAccess.Actor(user);
        var created = practice is null;
        IReadOnlyList<Quarter> quarters = [];
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var source = NewSource($"Biểu mẫu: danh mục mô hình {input.Code}", actor);
            db.FactSources.Add(source);
            await db.SaveChangesAsync(cancellationToken);

            string details;
            if (practice is null)
            {
                practice = new Practice { Code = input.Code, Name = input.Name, NameEn = input.NameEn, Description = input.Description };
                db.Practices.Add(practice);
                details = $"Name={input.Name}, NameEn={input.NameEn}, Target={input.Target}, OriginDate={Iso(input.OriginDate)}, OriginUnit={input.OriginUnitCode ?? "-"}";
            }
            else
            {
                var oldOrigin = practice.OriginUnitId is { } o ? await db.Units.Where(u => u.Id == o).Select(u => u.Code).SingleAsync(cancellationToken) : null;
                details = Changes(
                    ("Name", practice.Name, input.Name),
                    ("NameEn", practice.NameEn, input.NameEn),
                    ("Description", practice.Description, input.Description),
                    ("Target", practice.Target.ToString(), input.Target.ToString()),
                    ("OriginDate", Iso(practice.OriginDate), Iso(input.OriginDate)),
                    ("OriginUnit", oldOrigin ?? "-", input.OriginUnitCode ?? "-"));
            }

            // A new practice, or a new target kind, changes its coverage in every quarter (names do not count in the aggregates).
            if (created || practice.Target != input.Target)
            {
                quarters = await EveryQuarterAsync(db, cancellationToken);
            }

            practice.Name = input.Name;
            practice.NameEn = input.NameEn;
            practice.Description = input.Description;
            practice.OriginUnitId = originUnitId;
            practice.OriginDate = input.OriginDate;
            practice.Target = input.Target;
            practice.SourceId = source.Id;
            await db.SaveChangesAsync(cancellationToken);
            if (quarters.Count > 0)
            {
                await changes.MarkAsync(db, quarters, cancellationToken);
            }

            audit.Record(db, actor, AuditAction.PracticeEdit, input.Code, source.Id, added: created ? 1 : 0, changed: created ? 0 : 1,
                details: $"{details}; quarters {QuarterList(quarters)}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return new CatalogueSaveResult(practice.Id, [], changes.EnqueueRecomputes(quarters));
    }

    /// <summary>Records an adoption of a practice (<paramref name="adoptionId"/> null) or corrects one.</summary>
    public async Task<CatalogueSaveResult> SaveAdoptionAsync(ClaimsPrincipal user, int practiceId, int? adoptionId, AdoptionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!FormAccess.CanEditCatalogue(user))
        {
            return CatalogueSaveResult.Refused(Problem(nameof(AdoptionInput.UnitCode), "NotAllowed"));
        }

        input = input with { UnitCode = input.UnitCode.Trim(), Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim() };
        var problems = Check(input).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var practice = await db.Practices.AsNoTracking().SingleOrDefaultAsync(p => p.Id == practiceId, cancellationToken);
        if (practice is null)
        {
            return CatalogueSaveResult.Refused(Problem(nameof(AdoptionInput.UnitCode), "PracticeNotFound", practiceId));
        }

        Adoption? adoption = null;
        if (adoptionId is { } id)
        {
            adoption = await db.Adoptions.SingleOrDefaultAsync(a => a.Id == id && a.PracticeId == practiceId, cancellationToken);
            if (adoption is null)
            {
                return CatalogueSaveResult.Refused(Problem(nameof(AdoptionInput.UnitCode), "AdoptionNotFound", id));
            }
        }

        int? unitId = null;
        if (input.UnitCode.Length > 0 && input.StartedOn != default)
        {
            var tree = await FormAccess.TreeOnAsync(db, input.StartedOn, cancellationToken);
            if (tree.Find(input.UnitCode) is { } node)
            {
                unitId = node.Id;
                if (!AggregateCalculator.IsTarget(practice.Target, node))
                {
                    problems.Add(Problem(nameof(AdoptionInput.UnitCode), "WrongTarget", node.Code, TargetName(practice.Target, CultureInfo.CurrentUICulture)));
                }
            }
            else if (await db.Units.AnyAsync(u => u.Code == input.UnitCode, cancellationToken))
            {
                problems.Add(Problem(nameof(AdoptionInput.StartedOn), "UnitNotValidOn", input.UnitCode, input.StartedOn));
            }
            else
            {
                problems.Add(Problem(nameof(AdoptionInput.UnitCode), "UnknownUnit", input.UnitCode));
            }
        }

        if (problems.Count == 0 && unitId is { } uid)
        {
            var others = await db.Adoptions.AsNoTracking()
                .Where(a => a.PracticeId == practiceId && a.UnitId == uid && a.Id != (adoptionId ?? 0))
                .Select(a => new { a.StartedOn, a.EndedOn }).ToListAsync(cancellationToken);
            var clash = others.FirstOrDefault(a =>
                a.StartedOn < (input.EndedOn ?? DateOnly.MaxValue) && input.StartedOn < (a.EndedOn ?? DateOnly.MaxValue));
            if (clash is not null)
            {
                problems.Add(Problem(nameof(AdoptionInput.StartedOn), "Overlap", practice.Code, input.UnitCode, clash.StartedOn, clash.EndedOn));
            }
        }

        if (problems.Count > 0)
        {
            return CatalogueSaveResult.Refused([.. problems]);
        }

        var actor = FormAccess.Actor(user);
        var created = adoption is null;
        IReadOnlyList<Quarter> quarters;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var source = NewSource($"Biểu mẫu: áp dụng mô hình {practice.Code} tại {input.UnitCode}", actor);
            db.FactSources.Add(source);
            await db.SaveChangesAsync(cancellationToken);

            string details;
            if (adoption is null)
            {
                quarters = await AdoptionQuartersAsync(db, input.StartedOn, input.StartedOn, input.EndedOn, null, cancellationToken);
                adoption = new Adoption { PracticeId = practiceId };
                db.Adoptions.Add(adoption);
                details = $"Stage={input.Stage}, StartedOn={Iso(input.StartedOn)}, EndedOn={Iso(input.EndedOn)}";
            }
            else
            {
                var oldUnit = await db.Units.Where(u => u.Id == adoption.UnitId).Select(u => u.Code).SingleAsync(cancellationToken);
                quarters = await AdoptionQuartersAsync(db, adoption.StartedOn, input.StartedOn, adoption.EndedOn, input.EndedOn, cancellationToken);
                details = Changes(
                    ("Unit", oldUnit, input.UnitCode),
                    ("Stage", adoption.Stage.ToString(), input.Stage.ToString()),
                    ("StartedOn", Iso(adoption.StartedOn), Iso(input.StartedOn)),
                    ("EndedOn", Iso(adoption.EndedOn), Iso(input.EndedOn)),
                    ("Notes", adoption.Notes ?? "-", input.Notes ?? "-"));
            }

            adoption.UnitId = unitId!.Value;
            adoption.Stage = input.Stage;
            adoption.StartedOn = input.StartedOn;
            adoption.EndedOn = input.EndedOn;
            adoption.Notes = input.Notes;
            adoption.SourceId = source.Id;
            await db.SaveChangesAsync(cancellationToken);
            await changes.MarkAsync(db, quarters, cancellationToken);
            audit.Record(db, actor, AuditAction.AdoptionEdit, $"{practice.Code} {input.UnitCode} (#{adoption.Id})", source.Id,
                added: created ? 1 : 0, changed: created ? 0 : 1, details: $"{details}; quarters {QuarterList(quarters)}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return new CatalogueSaveResult(adoption.Id, [], changes.EnqueueRecomputes(quarters));
    }

    public static string TargetName(PracticeTarget target, CultureInfo culture) => Text.GetString("Target" + target, culture) ?? target.ToString();

    public static string StageName(AdoptionStage stage, CultureInfo culture) => Text.GetString("Stage" + stage, culture) ?? stage.ToString();

    /// <summary>
    /// Coverage is read at each quarter's end, so an adoption counts from the quarter of its start to
    /// the quarter of its end (exclusive end dates fall in it), or to the last quarter with data when it
    /// is open-ended. A correction touches the union of the old and the new period.
    /// </summary>
    internal async Task<IReadOnlyList<Quarter>> AdoptionQuartersAsync(AppDbContext db, DateOnly oldStart, DateOnly newStart, DateOnly? oldEnd, DateOnly? newEnd, CancellationToken cancellationToken)
    {
        var first = oldStart < newStart ? oldStart : newStart;
        var open = await changes.QuartersFromAsync(db, first, cancellationToken);
        if (oldEnd is null || newEnd is null)
        {
            return open;
        }

        var last = Quarter.Containing(oldEnd.Value > newEnd.Value ? oldEnd.Value : newEnd.Value);
        return [.. open.Where(q => q <= last)];
    }

    private async Task<IReadOnlyList<Quarter>> EveryQuarterAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var first = await FormAccess.FirstQuarterWithDataAsync(db, Quarter.Containing(clock.Today), cancellationToken);
        return await changes.QuartersFromAsync(db, first.Start, cancellationToken);
    }

    private FactSource NewSource(string label, string actor) =>
        new() { Kind = FactSourceKind.FormEntry, Label = label, CreatedBy = actor, CreatedAt = clock.TimeProvider.GetUtcNow() };

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private static string QuarterList(IReadOnlyList<Quarter> quarters) =>
        quarters.Count switch
        {
            0 => "none",
            1 => quarters[0].ToString(),
            _ => $"{quarters[0]}…{quarters[^1]}",
        };

    private static string Changes(params (string Field, string Old, string New)[] fields)
    {
        var text = new StringBuilder();
        foreach (var (field, old, now) in fields.Where(f => f.Old != f.New))
        {
            text.Append(text.Length > 0 ? ", " : string.Empty).Append(field).Append(": ").Append(old).Append(" → ").Append(now);
        }

        return text.Length > 0 ? text.ToString() : "no field changed";
    }

    private static RuleProblem Problem(string field, string key, params object?[] args) =>
        new(field, string.Format(CultureInfo.CurrentCulture, Text.GetString(key, CultureInfo.CurrentUICulture) ?? key, args));

    [GeneratedRegex("^[A-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}

/// <summary>Marker for <c>PracticeCatalogueText.resx</c> (Vietnamese) and <c>PracticeCatalogueText.en.resx</c>.</summary>
public sealed class PracticeCatalogueText
{
    private PracticeCatalogueText()
    {
    }
}

public static class PracticeCatalogueServiceCollectionExtensions
{
    public static IServiceCollection AddPracticeCatalogue(this IServiceCollection services) =>
        services.AddTransient<PracticeCatalogueService>();
}
