using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Tests.Organisation;

/// <summary>
/// A province in which one cell moves from one district to another, written through EF into a real database:
/// <code>
/// TV province
/// ├─ D1 district ─ G1 commune committee ─ C1 cell (stays)
/// │                                     └ CM cell (moves to G2 on 01/01/2025: a Move event)
/// └─ D2 district ─ G2 commune committee ─ C2 cell (stays)
/// </code>
/// Every cell has a roll and three monthly meetings in each of 2024-Q3 … 2025-Q2; CM has 10 + n members in the
/// n-th of these quarters, so each quarter's figure is told apart. For D1's editor CM moves out after 2024-Q4,
/// for D2's editor it moves in from 2025-Q1.
/// </summary>
internal static class MovedCellProvince
{
    public const string Moved = "CM";

    public static readonly DateOnly MovedOn = new(2025, 1, 1);

    /// <summary>2024-Q3, 2024-Q4 (CM under D1), 2025-Q1, 2025-Q2 (CM under D2).</summary>
    public static readonly Quarter[] Quarters = [new(2024, 3), new(2024, 4), new(2025, 1), new(2025, 2)];

    public static readonly Quarter[] BeforeMove = [Quarters[0], Quarters[1]];

    public static readonly Quarter[] AfterMove = [Quarters[2], Quarters[3]];

    /// <summary>"Today" for the services: 2025-Q2 is the last closed quarter.</summary>
    public static readonly DateTimeOffset Now = new(2025, 8, 10, 3, 0, 0, TimeSpan.Zero);

    public static int MembersOfMovedCell(Quarter quarter) => 10 + Array.IndexOf(Quarters, quarter) + 1;

    public static async Task SeedAsync(AppDbContext db, CancellationToken ct)
    {
        var source = new FactSource { Kind = FactSourceKind.FormEntry, Label = "tests", CreatedAt = DateTimeOffset.UnixEpoch };
        db.FactSources.Add(source);
        await db.SaveChangesAsync(ct);

        var from = new DateOnly(2020, 1, 1);
        async Task<OrgUnit> UnitAsync(string code, UnitKind kind, UnitSector sector, OrgUnit? parent)
        {
            var unit = new OrgUnit { Code = code, ValidFrom = from, SourceId = source.Id };
            db.Units.Add(unit);
            await db.SaveChangesAsync(ct);
            db.UnitVersions.Add(new OrgUnitVersion
            {
                UnitId = unit.Id, Name = "Đơn vị " + code, ShortName = code, Kind = kind, Sector = sector,
                ParentId = parent?.Id, ValidFrom = from, ValidTo = code == Moved ? MovedOn : null, SourceId = source.Id,
            });
            await db.SaveChangesAsync(ct);
            return unit;
        }

        var tv = await UnitAsync("TV", UnitKind.Province, UnitSector.None, null);
        var d1 = await UnitAsync("D1", UnitKind.UpperCommittee, UnitSector.District, tv);
        var d2 = await UnitAsync("D2", UnitKind.UpperCommittee, UnitSector.District, tv);
        var g1 = await UnitAsync("G1", UnitKind.GrassrootsCommittee, UnitSector.Commune, d1);
        var g2 = await UnitAsync("G2", UnitKind.GrassrootsCommittee, UnitSector.Commune, d2);
        var c1 = await UnitAsync("C1", UnitKind.Cell, UnitSector.Hamlet, g1);
        var c2 = await UnitAsync("C2", UnitKind.Cell, UnitSector.Hamlet, g2);
        var moved = await UnitAsync(Moved, UnitKind.Cell, UnitSector.Hamlet, g1);

        // The move: a new version under G2 and the lineage event that records it.
        db.UnitVersions.Add(new OrgUnitVersion
        {
            UnitId = moved.Id, Name = "Đơn vị " + Moved, ShortName = Moved, Kind = UnitKind.Cell, Sector = UnitSector.Hamlet,
            ParentId = g2.Id, ValidFrom = MovedOn, SourceId = source.Id,
        });
        db.LineageEvents.Add(new LineageEvent { Kind = LineageKind.Move, EffectiveDate = MovedOn, PredecessorId = moved.Id, SuccessorId = moved.Id, SourceId = source.Id });

        foreach (var quarter in Quarters)
        {
            foreach (var (cell, members) in new[] { (c1, 20), (c2, 30), (moved, MembersOfMovedCell(quarter)) })
            {
                db.Memberships.Add(new MembershipSnapshot { UnitId = cell.Id, QuarterKey = quarter.Key, Members = members, SourceId = source.Id });
                for (var month = 0; month < 3; month++)
                {
                    db.Meetings.Add(new Meeting
                    {
                        UnitId = cell.Id, Date = quarter.Start.AddMonths(month).AddDays(9), Kind = MeetingKind.Regular, Mode = MeetingMode.InPerson,
                        DurationMinutes = 95, DocumentsAhead = true, Expected = members, Present = members - 1, AbsentWithReason = 1,
                        Speakers = 3, Score = 80, SourceId = source.Id,
                    });
                }
            }
        }

        await db.SaveChangesAsync(ct);
        await DataVersions.MarkChangedAsync(db, Quarters, DateTimeOffset.UnixEpoch, ct);
    }

    /// <summary>Computes the aggregates of every quarter, as the app does after a change.</summary>
    public static async Task ComputeAsync(IServiceProvider services, CancellationToken ct)
    {
        var aggregates = services.GetRequiredService<AggregateService>();
        foreach (var quarter in Quarters)
        {
            await aggregates.RecomputeAsync(quarter, ct);
        }
    }
}
