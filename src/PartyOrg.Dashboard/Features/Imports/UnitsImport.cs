using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Organisation;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>
/// <c>units</c>: changes of the organisation tree with an effective date, applied in file order to an
/// in-memory copy of the tree so that later rows see earlier ones (a unit founded on row 5 can be the
/// parent on row 6). Follows ADR-001: a rename or move closes the unit's version the day before and opens
/// a new one; merge, split and dissolve end the unit and its version; each change records a lineage event.
/// A row that the database already reflects (same unit founded on the same day, same name, same parent, the
/// same ending with the same lineage) is "already stored", so a file imported twice adds nothing.
/// </summary>
internal sealed class UnitsImport(int spoolRows) : ImportHandler(spoolRows)
{
    private readonly List<(DirUnit Unit, OrgUnit Entity)> _newUnits = [];
    private readonly List<(DirUnit Unit, DirVersion Version)> _newVersions = [];
    private readonly HashSet<DirVersion> _newVersionSet = [];
    private readonly Dictionary<DirVersion, (DirUnit Unit, DateOnly? Before)> _closedVersions = [];
    private readonly Dictionary<DirUnit, DateOnly?> _endedUnits = [];
    private readonly HashSet<DirUnit> _endedInBatch = [];
    private readonly List<(LineageKind Kind, DateOnly Date, DirUnit Predecessor, DirUnit? Successor, string? Note)> _lineage = [];
    private HashSet<(LineageKind, int, int?, DateOnly)> _storedLineage = [];
    private int _nextTempId = -1;

    public override ImportKind Kind => ImportKinds.UnitsKind;

    public override async Task PrepareAsync(ImportContext context, string sha256, CancellationToken ct) =>
        _storedLineage = [.. (await context.Db.LineageEvents.AsNoTracking().Select(e => new { e.Kind, e.PredecessorId, e.SuccessorId, e.EffectiveDate }).ToListAsync(ct))
            .Select(e => (e.Kind, e.PredecessorId, e.SuccessorId, e.EffectiveDate))];

    public override Task ValidateAsync(ImportCells cells, ImportContext context, CancellationToken ct)
    {
        var date = cells.Date("effective_date");
        var action = cells.Choice("action");
        var code = cells.Code("code");
        var name = cells.Text("name", 200);
        var shortName = cells.Text("short_name", 100);
        var kind = cells.Choice("kind", required: false);
        var sector = cells.Choice("sector", required: false);
        var parentCode = cells.Code("parent_code", required: false);
        var successorCode = cells.Code("successor_code", required: false);
        var note = cells.Text("note", 500);
        if (cells.HasErrors || date is not { } eff || action is null || code is null)
        {
            return Task.CompletedTask;
        }

        switch (ImportKinds.UnitActions[action.Value])
        {
            case "new":
                New(cells, context, eff, code, name, shortName, kind, sector, parentCode, note);
                break;
            case "rename":
            case "move":
                Change(cells, context, eff, code, ImportKinds.UnitActions[action.Value] == "rename", name, shortName, parentCode, note);
                break;
            default:
                End(cells, context, eff, code, ImportKinds.UnitActions[action.Value], successorCode, note);
                break;
        }

        return Task.CompletedTask;
    }

    private void New(ImportCells cells, ImportContext context, DateOnly eff, string code, string? name, string? shortName, int? kind, int? sector, string? parentCode, string? note)
    {
        if (name is null)
        {
            cells.Error("name", "RequiredFor", "new");
        }

        if (kind is null)
        {
            cells.Error("kind", "RequiredFor", "new");
        }

        var unitKind = kind is { } k ? (UnitKind)(k + 1) : default;
        DirUnit? parent = null;
        if (unitKind == UnitKind.Province)
        {
            if (parentCode is not null)
            {
                cells.Error("parent_code", "ProvinceHasNoParent");
            }

            if (context.Actor.ScopeUnitCode is not null)
            {
                cells.Error("code", "OutOfScope", code, context.Actor.ScopeUnitCode);
            }
        }
        else if (kind is not null)
        {
            if (parentCode is null)
            {
                cells.Error("parent_code", "RequiredFor", "new");
            }
            else
            {
                parent = context.Unit(cells, "parent_code", parentCode, eff);
                if (parent is not null && !parent.IsValidOn(eff))
                {
                    cells.Error("parent_code", "UnitNotValidOn", parent.Code, eff);
                }
            }
        }

        if (context.Units.Find(code) is { } existing)
        {
            var version = existing.VersionOn(eff);
            if (existing.Id > 0 && existing.ValidFrom == eff && version is not null && version.Name == name && version.ParentId == parent?.Id)
            {
                AlreadyStored++;
            }
            else
            {
                cells.Error("code", "CodeExists", code);
            }

            return;
        }

        if (cells.HasErrors)
        {
            return;
        }

        var unit = new DirUnit { Id = _nextTempId--, Code = code, ValidFrom = eff };
        var v = new DirVersion
        {
            ValidFrom = eff, ParentId = parent?.Id, Kind = unitKind, Sector = sector is { } s ? (UnitSector)s : UnitSector.None,
            Name = name!, ShortName = shortName ?? name!,
        };
        unit.Versions.Add(v);
        context.Units.Add(unit);
        _newUnits.Add((unit, new OrgUnit { Code = code, ValidFrom = eff }));
        _newVersions.Add((unit, v));
        _newVersionSet.Add(v);
        TreeChanged(eff);
        Added++;
        _ = note;
    }

    private void Change(ImportCells cells, ImportContext context, DateOnly eff, string code, bool rename, string? name, string? shortName, string? parentCode, string? note)
    {
        var column = rename ? "name" : "parent_code";
        if ((rename ? name : parentCode) is null)
        {
            cells.Error(column, "RequiredFor", rename ? "rename" : "move");
            return;
        }

        var unit = context.Unit(cells, "code", code, eff);
        if (unit is null)
        {
            return;
        }

        var version = unit.VersionOn(eff);
        if (!unit.IsValidOn(eff) || version is null)
        {
            cells.Error("effective_date", "UnitNotValidOn", unit.Code, eff);
            return;
        }

        DirUnit? parent = null;
        if (!rename)
        {
            parent = context.Unit(cells, "parent_code", parentCode, eff);
            if (parent is null)
            {
                return;
            }

            if (!parent.IsValidOn(eff))
            {
                cells.Error("parent_code", "UnitNotValidOn", parent.Code, eff);
                return;
            }

            if (context.Units.IsWithin(parent, unit, eff))
            {
                cells.Error("parent_code", "MoveIntoOwnSubtree", unit.Code, parent.Code);
                return;
            }
        }

        if (rename ? version.Name == name && (shortName is null || version.ShortName == shortName) : version.ParentId == parent!.Id)
        {
            AlreadyStored++;
            return;
        }

        if (unit.Versions.Any(v => v.ValidFrom > eff))
        {
            cells.Error("effective_date", "LaterChanges", unit.Code, eff);
            return;
        }

        DirVersion target;
        if (version.ValidFrom == eff)
        {
            if (!_newVersionSet.Contains(version))
            {
                cells.Error("effective_date", "ChangedSameDay", unit.Code, eff);
                return;
            }

            target = version;
        }
        else
        {
            Close(unit, version, eff);
            target = new DirVersion
            {
                ValidFrom = eff, ValidTo = null, ParentId = version.ParentId, Kind = version.Kind, Sector = version.Sector,
                Name = version.Name, ShortName = version.ShortName,
            };
            unit.Versions.Add(target);
            _newVersions.Add((unit, target));
            _newVersionSet.Add(target);
        }

        var text = context.Problems.Text;
        if (rename)
        {
            Changes.Add(new ImportChange(cells.Row, text["UnitRenamed", unit.Code, version.Name, name!, eff]));
            target.Name = name!;
            target.ShortName = shortName ?? (version.ShortName == version.Name ? name! : version.ShortName);
        }
        else
        {
            var oldParent = version.ParentId is { } p && context.Units.ById.TryGetValue(p, out var op) ? op.Code : "-";
            Changes.Add(new ImportChange(cells.Row, text["UnitMoved", unit.Code, oldParent, parent!.Code, eff]));
            target.ParentId = parent.Id;
        }

        _lineage.Add((rename ? LineageKind.Rename : LineageKind.Move, eff, unit, unit, note));
        context.Units.Changed();
        TreeChanged(eff);
        Changed++;
    }

    private void End(ImportCells cells, ImportContext context, DateOnly eff, string code, string action, string? successorCode, string? note)
    {
        var kind = action switch { "merge" => LineageKind.Merge, "split" => LineageKind.Split, _ => LineageKind.Dissolve };
        DirUnit? successor = null;
        if (kind != LineageKind.Dissolve && successorCode is null)
        {
            cells.Error("successor_code", "RequiredFor", action);
            return;
        }

        if (kind == LineageKind.Dissolve && successorCode is not null)
        {
            cells.Error("successor_code", "DissolveHasNoSuccessor");
            return;
        }

        var unit = context.Unit(cells, "code", code, eff.AddDays(-1));
        if (unit is null)
        {
            return;
        }

        if (successorCode is not null)
        {
            successor = context.Unit(cells, "successor_code", successorCode, eff);
            if (successor is null)
            {
                return;
            }

            if (successor == unit || !successor.IsValidOn(eff))
            {
                cells.Error("successor_code", "UnitNotValidOn", successor.Code, eff);
                return;
            }
        }

        if (unit.ValidTo == eff)
        {
            if (_storedLineage.Contains((kind, unit.Id, successor?.Id, eff)))
            {
                AlreadyStored++;
            }
            else if (kind == LineageKind.Split && _endedInBatch.Contains(unit))
            {
                _lineage.Add((kind, eff, unit, successor, note));
                Changes.Add(new ImportChange(cells.Row, context.Problems.Text["UnitEnded", unit.Code, action, successor?.Code ?? "-", eff]));
                Changed++;
            }
            else
            {
                cells.Error("effective_date", "UnitAlreadyEnded", unit.Code, unit.ValidTo);
            }

            return;
        }

        if (!unit.IsValidOn(eff) || eff <= unit.ValidFrom)
        {
            cells.Error("effective_date", "UnitNotValidOn", unit.Code, eff);
            return;
        }

        if (unit.Versions.Any(v => v.ValidFrom >= eff))
        {
            cells.Error("effective_date", "LaterChanges", unit.Code, eff);
            return;
        }

        var children = context.Units.ChildrenOn(unit, eff).Select(c => c.Code).Order(StringComparer.Ordinal).ToList();
        if (children.Count > 0)
        {
            cells.Error("code", "HasChildren", unit.Code, children.Count, string.Join(", ", children.Take(5)));
            return;
        }

        if (unit.VersionOn(eff) is { } version)
        {
            Close(unit, version, eff);
        }

        if (unit.Id > 0 && !_endedUnits.ContainsKey(unit))
        {
            _endedUnits[unit] = unit.ValidTo;
        }

        unit.ValidTo = eff;
        _endedInBatch.Add(unit);
        _lineage.Add((kind, eff, unit, successor, note));
        Changes.Add(new ImportChange(cells.Row, context.Problems.Text["UnitEnded", unit.Code, action, successor?.Code ?? "-", eff]));
        context.Units.Changed();
        TreeChanged(eff);
        Changed++;
    }

    private void Close(DirUnit unit, DirVersion version, DateOnly eff)
    {
        if (!_newVersionSet.Contains(version) && !_closedVersions.ContainsKey(version))
        {
            _closedVersions[version] = (unit, version.ValidTo);
        }

        version.ValidTo = eff;
    }

    private void TreeChanged(DateOnly eff) => TreeChangedFrom = TreeChangedFrom is { } from && from < eff ? from : eff;

    public override async Task WriteAsync(ImportWriteContext write, CancellationToken ct)
    {
        var db = write.Db;
        var ids = new Dictionary<int, int>();
        foreach (var (unit, entity) in _newUnits)
        {
            entity.ValidTo = unit.ValidTo;
            entity.SourceId = write.SourceId;
            db.Units.Add(entity);
        }

        await db.SaveChangesAsync(ct);
        foreach (var (unit, entity) in _newUnits)
        {
            ids[unit.Id] = entity.Id;
        }

        int Real(int id) => id < 0 ? ids[id] : id;
        int? RealOrNull(int? id) => id is { } i ? Real(i) : null;

        foreach (var (unit, v) in _newVersions)
        {
            db.UnitVersions.Add(new OrgUnitVersion
            {
                UnitId = Real(unit.Id), Name = v.Name, ShortName = v.ShortName, Kind = v.Kind, Sector = v.Sector,
                ParentId = RealOrNull(v.ParentId), ValidFrom = v.ValidFrom, ValidTo = v.ValidTo, SourceId = write.SourceId,
            });
        }

        foreach (var (kind, date, predecessor, successor, note) in _lineage)
        {
            db.LineageEvents.Add(new LineageEvent
            {
                Kind = kind, EffectiveDate = date, PredecessorId = Real(predecessor.Id), SuccessorId = successor is null ? null : Real(successor.Id),
                Note = note, SourceId = write.SourceId,
            });
        }

        await db.SaveChangesAsync(ct);
        foreach (var (version, (_, before)) in _closedVersions)
        {
            var after = version.ValidTo;
            await db.UnitVersions.Where(v => v.Id == version.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.ValidTo, after), ct);
            write.Reverts.Add(new RevertEntry("UnitVersions", version.Id, JsonSerializer.Serialize(new ValidToValue(before)), JsonSerializer.Serialize(new ValidToValue(after))));
        }

        foreach (var (unit, before) in _endedUnits)
        {
            var after = unit.ValidTo;
            await db.Units.Where(u => u.Id == unit.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.ValidTo, after), ct);
            write.Reverts.Add(new RevertEntry("Units", unit.Id, JsonSerializer.Serialize(new ValidToValue(before)), JsonSerializer.Serialize(new ValidToValue(after))));
        }
    }
}

/// <summary>The end of a unit or version, before or after a batch changed it.</summary>
public sealed record ValidToValue(DateOnly? ValidTo);
