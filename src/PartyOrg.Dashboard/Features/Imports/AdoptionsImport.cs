using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Practices;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>
/// <c>adoptions</c>: a unit's take-up of a practice of the catalogue. Natural key: practice + unit +
/// start date. An equal stored adoption is already stored; one with other values is an error (edits go
/// through the adoptions form). Coverage changes from the start quarter on.
/// </summary>
internal sealed class AdoptionsImport(int spoolRows) : ImportHandler(spoolRows)
{
    private readonly Dictionary<(int Practice, int Unit, DateOnly Start), int> _inFile = [];
    private ImportSpool<Adoption>? _plan;
    private Dictionary<string, int> _practices = [];
    private Dictionary<(int, int, DateOnly), Adoption> _stored = [];

    public override ImportKind Kind => ImportKinds.AdoptionsKind;

    public override async Task PrepareAsync(ImportContext context, string sha256, CancellationToken ct)
    {
        _practices = await context.Db.Practices.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Id, StringComparer.OrdinalIgnoreCase, ct);
        _stored = await context.Db.Adoptions.AsNoTracking().ToDictionaryAsync(a => (a.PracticeId, a.UnitId, a.StartedOn), ct);
    }

    public override Task ValidateAsync(ImportCells cells, ImportContext context, CancellationToken ct)
    {
        var practiceCode = cells.Code("practice_code");
        var code = cells.Code("unit_code");
        var stage = cells.Choice("stage");
        var started = cells.Date("started_on");
        var ended = cells.Date("ended_on", required: false);
        var notes = cells.Text("notes", 1000);
        int? practiceId = null;
        if (practiceCode is not null)
        {
            if (_practices.TryGetValue(practiceCode, out var p))
            {
                practiceId = p;
            }
            else
            {
                cells.Error("practice_code", "UnknownPractice", practiceCode);
            }
        }

        if (started is not { } start)
        {
            return Task.CompletedTask;
        }

        if (start > context.Today)
        {
            cells.Error("started_on", "DateInFuture", start);
        }

        if (ended is { } end && end <= start)
        {
            cells.Error("ended_on", "EndBeforeStart", end, start);
        }

        var unit = context.Unit(cells, "unit_code", code, start);
        if (unit is not null && !unit.IsValidOn(start))
        {
            cells.Error("started_on", "OutsideUnitValidity", start, unit.Code, unit.ValidFrom, unit.ValidTo?.AddDays(-1));
        }

        if (cells.HasErrors || unit is null || practiceId is null || stage is null)
        {
            return Task.CompletedTask;
        }

        var key = (practiceId.Value, unit.Id, start);
        if (FirstRow(_inFile, key, cells.Row) is { } first)
        {
            cells.Error("started_on", "DuplicateInFile", first);
            return Task.CompletedTask;
        }

        var adoption = new Adoption
        {
            PracticeId = practiceId.Value, UnitId = unit.Id, Stage = (AdoptionStage)(stage.Value + 1), StartedOn = start, EndedOn = ended, Notes = notes,
        };
        if (_stored.TryGetValue(key, out var old))
        {
            if (old.Stage == adoption.Stage && old.EndedOn == adoption.EndedOn && (old.Notes ?? string.Empty) == (adoption.Notes ?? string.Empty))
            {
                AlreadyStored++;
            }
            else
            {
                cells.Error("started_on", "StoredDifferentAdoption", practiceCode, unit.Code, start);
            }

            return Task.CompletedTask;
        }

        (_plan ??= NewSpool<Adoption>()).Add(adoption);
        TreeChangedFrom = TreeChangedFrom is { } from && from < start ? from : start;
        Added++;
        return Task.CompletedTask;
    }

    public override async Task WriteAsync(ImportWriteContext write, CancellationToken ct)
    {
        if (_plan is null)
        {
            return;
        }

        var id = await write.NextIdAsync<Adoption>(a => a.Id, ct);
        await write.WriteChunkedAsync(_plan, a =>
        {
            a.Id = id++;
            a.SourceId = write.SourceId;
        }, ct);
    }
}
