using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Imports;

/// <summary>
/// <c>membership</c>: a cell's roll at the end of a quarter. Natural key: unit + quarter. A row equal to
/// the stored snapshot is already stored; a row with other figures replaces it (a change, undone by
/// putting the old figures back).
/// </summary>
internal sealed class MembershipImport(int spoolRows) : ImportHandler(spoolRows)
{
    private readonly Dictionary<(int Unit, int Quarter), int> _inFile = [];
    private ImportSpool<MembershipSnapshot>? _added;
    private readonly List<(MembershipSnapshot Old, MembershipSnapshot New)> _replaced = [];
    private static readonly string[] CountColumns = ["exempt", "probationary", "women", "ethnic_minority"];
    private Dictionary<(int, int), MembershipSnapshot>? _stored;

    public override ImportKind Kind => ImportKinds.MembershipKind;

    public override async Task ValidateAsync(ImportCells cells, ImportContext context, CancellationToken ct)
    {
        var code = cells.Code("unit_code");
        var quarter = cells.Quarter("quarter");
        var members = cells.Integer("members");
        var counts = CountColumns.Select(c => (Column: c, Value: cells.Integer(c))).ToList();
        if (members is < 0)
        {
            cells.Error("members", "Negative");
        }

        foreach (var (column, value) in counts)
        {
            if (value is < 0)
            {
                cells.Error(column, "Negative");
            }
            else if (value > members)
            {
                cells.Error(column, "OverMembers", value, members);
            }
        }

        if (quarter is not { } q)
        {
            return;
        }

        var unit = context.Unit(cells, "unit_code", code, q.End);
        if (unit is null)
        {
            return;
        }

        if (!unit.IsValidOn(q.End))
        {
            cells.Error("quarter", "UnitNotValidAtQuarterEnd", unit.Code, q.ToString());
        }
        else if (unit.VersionOn(q.End) is { } version && !version.Kind.HoldsMeetings())
        {
            cells.Error("unit_code", "NotACell", unit.Code);
        }

        if (q.Start > context.Today)
        {
            cells.Error("quarter", "QuarterInFuture", q.ToString());
        }

        if (cells.HasErrors)
        {
            return;
        }

        if (FirstRow(_inFile, (unit.Id, q.Key), cells.Row) is { } first)
        {
            cells.Error("quarter", "DuplicateInFile", first);
            return;
        }

        var snapshot = new MembershipSnapshot
        {
            UnitId = unit.Id, QuarterKey = q.Key, Members = members!.Value, Exempt = counts[0].Value!.Value,
            Probationary = counts[1].Value!.Value, Women = counts[2].Value!.Value, EthnicMinority = counts[3].Value!.Value,
        };
        _stored ??= await context.Db.Memberships.AsNoTracking().ToDictionaryAsync(m => (m.UnitId, m.QuarterKey), ct);
        if (_stored.TryGetValue((unit.Id, q.Key), out var old))
        {
            if (old.Members == snapshot.Members && old.Exempt == snapshot.Exempt && old.Probationary == snapshot.Probationary
                && old.Women == snapshot.Women && old.EthnicMinority == snapshot.EthnicMinority)
            {
                AlreadyStored++;
                return;
            }

            _replaced.Add((old, snapshot));
            Changes.Add(new ImportChange(cells.Row, context.Problems.Text["MembershipReplaced", unit.Code, q.ToString(), old.Members, snapshot.Members, old.Exempt, snapshot.Exempt]));
            Changed++;
        }
        else
        {
            (_added ??= NewSpool<MembershipSnapshot>()).Add(snapshot);
            Added++;
        }

        QuarterKeys.Add(q.Key);
    }

    public override async Task WriteAsync(ImportWriteContext write, CancellationToken ct)
    {
        if (_added is not null)
        {
            var id = await write.NextIdAsync<MembershipSnapshot>(m => m.Id, ct);
            await write.WriteChunkedAsync(_added, m =>
            {
                m.Id = id++;
                m.SourceId = write.SourceId;
            }, ct);
        }
        foreach (var (old, snapshot) in _replaced)
        {
            snapshot.Id = old.Id;
            snapshot.SourceId = write.SourceId;
            write.Reverts.Add(new RevertEntry("Memberships", old.Id, JsonSerializer.Serialize(old), JsonSerializer.Serialize(snapshot)));
            write.Db.Memberships.Update(snapshot);
        }

        await write.Db.SaveChangesAsync(ct);
    }
}
