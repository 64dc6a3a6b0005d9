using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Imports;

public sealed record UndoResult(int BatchId, int Removed, int Restored, IReadOnlyList<string> Quarters);

/// <summary>
/// Undoes an import batch (Admins only): in one transaction, puts back what the batch changed, removes
/// exactly the rows of its fact source and the source itself, marks the quarters and audits; then
/// enqueues the recomputes. Refuses when later data depends on the batch's rows (a meeting of a unit the
/// batch created, attendance of its meetings, a later batch that changed its rows), and when a meeting it
/// created was corrected later through the meeting form (the correction would be lost with it).
/// </summary>
public sealed class ImportUndo(
    IDbContextFactory<AppDbContext> contexts,
    FactChanges changes,
    AuditLog audit,
    AppClock clock,
    IStringLocalizer<ImportText> text)
{
    public async Task<UndoResult> UndoAsync(int batchId, ImportActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            throw new ImportRefusedException(text["UndoAdminOnly", actor.Name]);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var batch = await db.ImportBatches.SingleOrDefaultAsync(b => b.Id == batchId, ct)
            ?? throw new ImportRefusedException(text["NoSuchBatch", batchId]);
        if (batch.Status != ImportBatchStatus.Completed || batch.SourceId is not { } sid)
        {
            throw new ImportRefusedException(text["BatchAlreadyUndone", batchId, batch.UndoneBy ?? "-", batch.UndoneAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-"]);
        }

        await CheckCorrectionsAsync(db, batch, sid, ct);
        await CheckDependentsAsync(db, batch, sid, ct);
        var quarters = batch.Quarters.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(k => Quarter.FromKey(int.Parse(k, CultureInfo.InvariantCulture))).ToList();
        var reverts = RevertEntry.Parse(batch.Reverts);

        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var restored = 0;
        foreach (var revert in reverts)
        {
            switch (revert.Table)
            {
                case "Memberships":
                    var old = JsonSerializer.Deserialize<MembershipSnapshot>(revert.Before)!;
                    restored += await db.Memberships.Where(m => m.Id == revert.Id).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Members, old.Members).SetProperty(m => m.Exempt, old.Exempt)
                        .SetProperty(m => m.Probationary, old.Probationary).SetProperty(m => m.Women, old.Women)
                        .SetProperty(m => m.EthnicMinority, old.EthnicMinority).SetProperty(m => m.SourceId, old.SourceId), ct);
                    break;
                case "UnitVersions":
                    var versionTo = JsonSerializer.Deserialize<ValidToValue>(revert.Before)!.ValidTo;
                    restored += await db.UnitVersions.Where(v => v.Id == revert.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.ValidTo, versionTo), ct);
                    break;
                case "Units":
                    var unitTo = JsonSerializer.Deserialize<ValidToValue>(revert.Before)!.ValidTo;
                    restored += await db.Units.Where(u => u.Id == revert.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.ValidTo, unitTo), ct);
                    break;
                default:
                    throw new InvalidOperationException($"Batch {batchId} has a revert for an unknown table {revert.Table}.");
            }
        }

        var removed = 0;
        removed += await db.MeetingAttendance.Where(e => e.SourceId == sid).ExecuteDeleteAsync(ct);
        removed += await db.Meetings.Where(e => e.SourceId == sid).ExecuteDeleteAsync(ct);
        removed += await db.SurveyResponses.Where(e => e.SourceId == sid).ExecuteDeleteAsync(ct);
        removed += await db.SurveyRounds.Where(e => e.SourceId == sid).ExecuteDeleteAsync(ct);
        removed += await db.Adoptions.Where(e => e.SourceId == sid).ExecuteDeleteAsync(ct);
        removed += await db.Memberships.Where(e => e.SourceId == sid).ExecuteDeleteAsync(ct);
        removed += await db.LineageEvents.Where(e => e.SourceId == sid).ExecuteDeleteAsync(ct);
        removed += await db.UnitVersions.Where(e => e.SourceId == sid).ExecuteDeleteAsync(ct);
        removed += await db.Units.Where(e => e.SourceId == sid).ExecuteDeleteAsync(ct);

        batch.Status = ImportBatchStatus.Undone;
        batch.UndoneAt = clock.TimeProvider.GetUtcNow();
        batch.UndoneBy = actor.Name;
        batch.SourceId = null;
        await db.SaveChangesAsync(ct);
        await db.AuditLog.Where(a => a.SourceId == sid).ExecuteUpdateAsync(s => s.SetProperty(a => a.SourceId, (int?)null), ct);
        await db.FactSources.Where(s => s.Id == sid).ExecuteDeleteAsync(ct);
        await changes.MarkAsync(db, quarters, ct);
        audit.Record(db, actor.Name, AuditAction.UndoImport, $"{batch.FileName} ({batch.Kind}) #{batch.Id}", null, 0, restored, removed,
            $"batch {batch.Id}; quarters {string.Join(", ", quarters)}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        changes.EnqueueRecomputes(quarters);
        return new UndoResult(batch.Id, removed, restored, [.. quarters.Select(q => q.ToString())]);
    }

    /// <summary>Refuses when a meeting the batch created now belongs to a later correction: names each (cell, date, who, when).</summary>
    private async Task CheckCorrectionsAsync(AppDbContext db, ImportBatch batch, int sid, CancellationToken ct)
    {
        const int named = 5;
        var corrected = await (
            from m in db.Meetings.AsNoTracking()
            where m.OriginSourceId == sid
            join u in db.Units on m.UnitId equals u.Id
            join s in db.FactSources on m.SourceId equals s.Id
            orderby m.Date, u.Code, m.Id
            select new { u.Code, m.Date, s.CreatedBy, s.CreatedAt })
            .ToListAsync(ct);
        if (corrected.Count == 0)
        {
            return;
        }

        var items = corrected.Take(named)
            .Select(c => text["CorrectedMeeting", c.Code, c.Date, c.CreatedBy ?? "-", AppClock.ToLocal(c.CreatedAt)].Value)
            .ToList();
        if (corrected.Count > named)
        {
            items.Add(text["CorrectedMeetingsMore", corrected.Count - named]);
        }

        throw new ImportRefusedException(text["UndoCorrectedByForm", batch.Id, corrected.Count, string.Join("; ", items)]);
    }

    private async Task CheckDependentsAsync(AppDbContext db, ImportBatch batch, int sid, CancellationToken ct)
    {
        var units = await db.Units.Where(u => u.SourceId == sid).Select(u => u.Id).ToListAsync(ct);
        var dependents = new List<string>();
        if (units.Count > 0)
        {
            void Count(string what, int n)
            {
                if (n > 0)
                {
                    dependents.Add(string.Create(CultureInfo.InvariantCulture, $"{n} {what}"));
                }
            }

            Count("meetings", await db.Meetings.CountAsync(m => m.SourceId != sid && units.Contains(m.UnitId), ct));
            Count("memberships", await db.Memberships.CountAsync(m => m.SourceId != sid && units.Contains(m.UnitId), ct));
            Count("survey responses", await db.SurveyResponses.CountAsync(m => m.SourceId != sid && units.Contains(m.UnitId), ct));
            Count("adoptions", await db.Adoptions.CountAsync(m => m.SourceId != sid && units.Contains(m.UnitId), ct));
            Count("unit versions", await db.UnitVersions.CountAsync(v => v.SourceId != sid && (units.Contains(v.UnitId) || (v.ParentId != null && units.Contains(v.ParentId.Value))), ct));
            Count("lineage events", await db.LineageEvents.CountAsync(e => e.SourceId != sid && (units.Contains(e.PredecessorId) || (e.SuccessorId != null && units.Contains(e.SuccessorId.Value))), ct));
            Count("practices", await db.Practices.CountAsync(p => p.OriginUnitId != null && units.Contains(p.OriginUnitId.Value), ct));
        }

        var attendance = await (from a in db.MeetingAttendance
                                join m in db.Meetings on a.MeetingId equals m.Id
                                where m.SourceId == sid && a.SourceId != sid
                                select a.Id).CountAsync(ct);
        if (attendance > 0)
        {
            dependents.Add(string.Create(CultureInfo.InvariantCulture, $"{attendance} attendance rows"));
        }

        var rounds = await db.SurveyRounds.Where(r => r.SourceId == sid).Select(r => r.Id).ToListAsync(ct);
        if (rounds.Count > 0)
        {
            var responses = await db.SurveyResponses.CountAsync(r => r.SourceId != sid && rounds.Contains(r.RoundId), ct);
            if (responses > 0)
            {
                dependents.Add(string.Create(CultureInfo.InvariantCulture, $"{responses} survey responses"));
            }
        }

        // Later batches that changed rows this batch wrote or changed.
        var ours = RevertEntry.Parse(batch.Reverts).Select(r => (r.Table, r.Id)).ToHashSet();
        foreach (var id in await db.UnitVersions.Where(v => v.SourceId == sid).Select(v => v.Id).ToListAsync(ct))
        {
            ours.Add(("UnitVersions", id));
        }

        foreach (var id in units)
        {
            ours.Add(("Units", id));
        }

        foreach (var id in await db.Memberships.Where(m => m.SourceId == sid).Select(m => m.Id).ToListAsync(ct))
        {
            ours.Add(("Memberships", id));
        }

        var later = await db.ImportBatches.AsNoTracking()
            .Where(b => b.Id > batch.Id && b.Status == ImportBatchStatus.Completed && b.Reverts != null)
            .Select(b => new { b.Id, b.Reverts }).ToListAsync(ct);
        foreach (var b in later)
        {
            if (RevertEntry.Parse(b.Reverts).Any(r => ours.Contains((r.Table, r.Id))))
            {
                dependents.Add(string.Create(CultureInfo.InvariantCulture, $"batch #{b.Id}"));
            }
        }

        if (dependents.Count > 0)
        {
            throw new ImportRefusedException(text["UndoHasDependents", batch.Id, string.Join(", ", dependents)]);
        }
    }
}
