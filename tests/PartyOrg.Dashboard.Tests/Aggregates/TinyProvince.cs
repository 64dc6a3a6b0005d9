using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Practices;
using PartyOrg.Dashboard.Features.Surveys;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Tests.Aggregates;

/// <summary>
/// A province small enough to compute by hand, written through EF into a real database:
/// P → district D → commune committee G → cells C1 (20 members, 2 exempt) and C2 (8 members).
/// In 2024-Q4 each cell meets monthly; C1's meetings: expected 18, present 17; C2's: expected 8, present 6.
/// C1 has 6 survey responses, C2 has 4 (suppressed at C2, counted in G).
/// </summary>
public static class TinyProvince
{
    public static readonly Quarter Quarter = new(2024, 4);

    public static async Task<int> SeedAsync(AppDbContext db, CancellationToken ct)
    {
        var source = new FactSource { Kind = FactSourceKind.FormEntry, Label = "tests", CreatedAt = DateTimeOffset.UnixEpoch };
        db.FactSources.Add(source);
        await db.SaveChangesAsync(ct);

        var from = new DateOnly(2020, 1, 1);
        OrgUnit Unit(string code, string name, UnitKind kind, UnitSector sector, OrgUnit? parent)
        {
            var unit = new OrgUnit { Code = code, ValidFrom = from, SourceId = source.Id };
            db.Units.Add(unit);
            db.SaveChanges();
            db.UnitVersions.Add(new OrgUnitVersion
            {
                UnitId = unit.Id, Name = name, ShortName = name, Kind = kind, Sector = sector,
                ParentId = parent?.Id, ValidFrom = from, SourceId = source.Id,
            });
            db.SaveChanges();
            return unit;
        }

        var p = Unit("P", "Đảng bộ tỉnh", UnitKind.Province, UnitSector.None, null);
        var d = Unit("D", "Đảng bộ huyện", UnitKind.UpperCommittee, UnitSector.District, p);
        var g = Unit("G", "Đảng bộ xã", UnitKind.GrassrootsCommittee, UnitSector.Commune, d);
        var c1 = Unit("C1", "Chi bộ ấp 1", UnitKind.Cell, UnitSector.Hamlet, g);
        var c2 = Unit("C2", "Chi bộ ấp 2", UnitKind.Cell, UnitSector.Hamlet, g);

        db.Memberships.AddRange(
            new MembershipSnapshot { UnitId = c1.Id, QuarterKey = Quarter.Key, Members = 20, Exempt = 2, SourceId = source.Id },
            new MembershipSnapshot { UnitId = c2.Id, QuarterKey = Quarter.Key, Members = 8, Exempt = 0, SourceId = source.Id });

        foreach (var month in new[] { 10, 11, 12 })
        {
            db.Meetings.Add(Meeting(c1.Id, new DateOnly(2024, month, 10), expected: 18, present: 17, source.Id));
            db.Meetings.Add(Meeting(c2.Id, new DateOnly(2024, month, 12), expected: 8, present: 6, source.Id));
        }

        var round = new SurveyRound { QuarterKey = Quarter.Key, QuestionnaireVersion = Questionnaire.CurrentVersion, OpensOn = Quarter.Start, ClosesOn = Quarter.End, SourceId = source.Id };
        db.SurveyRounds.Add(round);
        await db.SaveChangesAsync(ct);
        for (var i = 0; i < 6; i++)
        {
            db.SurveyResponses.Add(Response(round.Id, c1.Id, i < 3 ? (byte)5 : (byte)2, source.Id));
        }

        for (var i = 0; i < 4; i++)
        {
            db.SurveyResponses.Add(Response(round.Id, c2.Id, 4, source.Id));
        }

        var practice = new Practice
        {
            Code = "M04", Name = "Phiếu khảo sát", NameEn = "Survey", Description = "…",
            OriginDate = new DateOnly(2021, 1, 1), Target = PracticeTarget.Cells, SourceId = source.Id,
        };
        db.Practices.Add(practice);
        await db.SaveChangesAsync(ct);
        db.Adoptions.Add(new Adoption { PracticeId = practice.Id, UnitId = c1.Id, Stage = AdoptionStage.Adopted, StartedOn = new DateOnly(2024, 1, 1), SourceId = source.Id });
        await db.SaveChangesAsync(ct);
        return source.Id;
    }

    private static Meeting Meeting(int unitId, DateOnly date, int expected, int present, int sourceId) => new()
    {
        UnitId = unitId, Date = date, Kind = MeetingKind.Regular, Mode = MeetingMode.InPerson, DurationMinutes = 95,
        DocumentsAhead = true, UpperLevelAttended = false, Expected = expected, Present = present,
        AbsentWithReason = expected - present, AbsentWithoutReason = 0, Speakers = 3, Score = 80, SourceId = sourceId,
    };

    private static SurveyResponse Response(int roundId, int unitId, byte answer, int sourceId) => new()
    {
        RoundId = roundId, UnitId = unitId, SourceId = sourceId,
        Q1 = Questionnaire.Yes, Q2 = answer, Q3 = Questionnaire.Yes, Q4 = answer, Q5 = Questionnaire.No, Q6 = answer,
        Q7 = answer, Q8 = answer, Q9 = answer, Q10 = Questionnaire.NotHeld, Q11 = answer,
    };
}
