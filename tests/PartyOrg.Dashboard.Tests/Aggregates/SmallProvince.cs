using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Practices;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Aggregates.Builders;

namespace PartyOrg.Dashboard.Tests.Aggregates;

/// <summary>
/// A tiny province whose metrics are worked out by hand in <see cref="AggregateCalculatorTests"/>.
/// <code>
/// P  province
/// ├─ D1 upper committee
/// │  └─ G1 grassroots committee (xã)
/// │     ├─ C1 cell  12 members, 2 exempt
/// │     └─ C2 cell   8 members           (moves to G2 on 01/01/2025)
/// └─ D2 upper committee
///    ├─ G2 grassroots committee (phường)
///    │  ├─ C3 cell  15 members, 1 exempt
///    │  └─ X  cell  20 members           (exists from 01/01/2025)
///    └─ GCell grassroots cell  9 members, 1 exempt (ends 15/03/2025)
/// </code>
/// </summary>
internal static class SmallProvince
{
    public const int P = 1;
    public const int D1 = 2;
    public const int D2 = 3;
    public const int G1 = 4;
    public const int C1 = 5;
    public const int C2 = 6;
    public const int G2 = 7;
    public const int C3 = 8;
    public const int GCell = 9;
    public const int X = 10;

    public const int CellPractice = 101;
    public const int UpperPractice = 102;
    public const int GrassrootsPractice = 103;

    public static readonly Quarter Q4 = new(2024, 4);
    public static readonly Quarter Q1 = new(2025, 1);

    private static readonly DateOnly NewYear = new(2025, 1, 1);

    public static FactsBuilder Build()
    {
        var b = new FactsBuilder()
            .Unit(P, "TV", UnitKind.Province, null)
            .Unit(D1, "TV.01", UnitKind.UpperCommittee, P, UnitSector.District)
            .Unit(D2, "TV.02", UnitKind.UpperCommittee, P, UnitSector.District)
            .Unit(G1, "TV.01.01", UnitKind.GrassrootsCommittee, D1, UnitSector.Commune)
            .Unit(C1, "TV.01.01.01", UnitKind.Cell, G1, UnitSector.Hamlet)
            .Unit(C2, "TV.01.01.02", UnitKind.Cell, G1, UnitSector.Hamlet)
            .Move(C2, G2, NewYear)
            .Unit(G2, "TV.02.01", UnitKind.GrassrootsCommittee, D2, UnitSector.Ward)
            .Unit(C3, "TV.02.01.01", UnitKind.Cell, G2, UnitSector.Hamlet)
            .Unit(X, "TV.02.01.02", UnitKind.Cell, G2, UnitSector.Hamlet, from: NewYear)
            .Unit(GCell, "TV.02.02", UnitKind.GrassrootsCell, D2, UnitSector.Agency, to: new DateOnly(2025, 3, 15));

        // Rolls at the end of 2024-Q4. X does not exist yet: its roll must be ignored.
        b.Roll(Q4, C1, 12, 2).Roll(Q4, C2, 8).Roll(Q4, C3, 15, 1).Roll(Q4, GCell, 9, 1).Roll(Q4, X, 20);

        // Meetings of 2024-Q4 (unit, date, kind, minutes, …).
        b.Meeting(C1, D(2024, 10, 5), MeetingKind.Regular, 90, documentsAhead: true, upperLevel: false, expected: 10, present: 10, absentWithoutReason: 0, score: 95)
         .Meeting(C1, D(2024, 11, 5), MeetingKind.Regular, 60, documentsAhead: false, upperLevel: true, expected: 10, present: 8, absentWithoutReason: 1, score: 72)
         .Meeting(C1, D(2024, 11, 20), MeetingKind.Thematic, 100, documentsAhead: true, upperLevel: true, expected: 10, present: 9, absentWithoutReason: 0, score: null)
         // Both exempt members came: 10 eligible + 2 exempt expected, 9 + 2 present.
         .Meeting(C1, D(2024, 12, 5), MeetingKind.Regular, 95, documentsAhead: true, upperLevel: false, expected: 12, present: 11, absentWithoutReason: 0, score: 55)
         // Outside the quarter: ignored.
         .Meeting(C1, D(2024, 9, 30), MeetingKind.Regular, 30, expected: 10, present: 1, absentWithoutReason: 9, score: 10)
         .Meeting(C1, D(2025, 4, 1), MeetingKind.Combined, 30, expected: 10, present: 1, absentWithoutReason: 9, score: 10)
         .Meeting(C2, D(2024, 10, 10), MeetingKind.Combined, 110, documentsAhead: true, upperLevel: false, expected: 8, present: 7, absentWithoutReason: 0, score: 45)
         .Meeting(C2, D(2024, 11, 10), MeetingKind.Regular, 90, documentsAhead: false, upperLevel: false, expected: 8, present: 7, absentWithoutReason: 0, score: null)
         .Meeting(C3, D(2024, 10, 15), MeetingKind.Combined, 120, documentsAhead: true, upperLevel: true, expected: 14, present: 13, absentWithoutReason: 1, score: 90)
         .Meeting(C3, D(2024, 11, 15), MeetingKind.Regular, 90, documentsAhead: true, upperLevel: false, expected: 14, present: 12, absentWithoutReason: 0, score: 70)
         .Meeting(C3, D(2024, 12, 15), MeetingKind.Regular, 89, documentsAhead: false, upperLevel: false, expected: 14, present: 14, absentWithoutReason: 0, score: 50)
         .Meeting(GCell, D(2024, 10, 20), MeetingKind.Regular, 90, documentsAhead: false, upperLevel: false, expected: 8, present: 6, absentWithoutReason: 2, score: null)
         .Meeting(GCell, D(2024, 11, 20), MeetingKind.Regular, 90, documentsAhead: false, upperLevel: false, expected: 8, present: 8, absentWithoutReason: 0, score: null)
         .Meeting(X, D(2024, 12, 1), MeetingKind.Combined, 150, documentsAhead: true, upperLevel: true, expected: 20, present: 20, absentWithoutReason: 0, score: 100);

        // Survey of 2024-Q4. Questions 1, 3, 5 are yes(1)/no(2); 10 is yes/no/not held(3); the rest 1–5; 0 = "Không rõ".
        b.Response(Q4, C1, 1, 5, 1, 5, 1, 5, 5, 5, 5, 1, 5)
         .Response(Q4, C1, 1, 4, 1, 4, 2, 4, 4, 4, 4, 3, 4)
         .Response(Q4, C1, 2, 3, 1, 3, 1, 3, 3, 3, 3, 3, 3)
         .Response(Q4, C1, 1, 0, 2, 2, 1, 2, 2, 2, 2, 2, 2)
         .Response(Q4, C1, 0, null, 1, 1, 1, 1, 1, 1, 1, 1, 5)
         .Responses(Q4, C2, 4, 1, 5, 1, 5, 1, 5, 5, 5, 5, 3, 5)
         .Responses(Q4, C3, 3, 1, 4, 1, 4, 1, 4, 4, 4, 4, 1, 4)
         .Responses(Q4, X, 6, 2, 1, 2, 1, 2, 1, 1, 1, 1, 2, 1);

        // Practices: one for cells, one for upper committees, one for grassroots organisations.
        b.Practice(CellPractice, "M01", PracticeTarget.Cells)
         .Practice(UpperPractice, "M02", PracticeTarget.UpperCommittees)
         .Practice(GrassrootsPractice, "M03", PracticeTarget.GrassrootsOrganisations)
         .Adoption(CellPractice, C1, AdoptionStage.Adopted, D(2024, 3, 1))
         .Adoption(CellPractice, C2, AdoptionStage.Replicated, D(2023, 1, 1), endedOn: D(2024, 11, 30))  // ended before quarter end
         .Adoption(CellPractice, C2, AdoptionStage.Stopped, D(2024, 12, 1))                             // stopped: not in force
         .Adoption(CellPractice, C3, AdoptionStage.Adopted, D(2025, 1, 15))                             // starts after quarter end
         .Adoption(CellPractice, GCell, AdoptionStage.Replicated, D(2024, 12, 31), endedOn: D(2025, 2, 1))  // started on the last day
         .Adoption(CellPractice, X, AdoptionStage.Adopted, D(2024, 1, 1))                               // X is not in the 2024-Q4 tree
         .Adoption(UpperPractice, D1, AdoptionStage.Adopted, D(2022, 6, 1))
         .Adoption(UpperPractice, D2, AdoptionStage.Pilot, D(2022, 6, 1))                               // pilot: not in force
         .Adoption(GrassrootsPractice, G2, AdoptionStage.Replicated, D(2023, 6, 1))
         .Adoption(GrassrootsPractice, GCell, AdoptionStage.Adopted, D(2023, 6, 1), endedOn: D(2024, 12, 31));  // ended on the last day (end is exclusive)

        // 2025-Q1: C2 now sits under G2, X exists, GCell has ended (its roll and meeting are ignored).
        b.Roll(Q1, C1, 12, 2).Roll(Q1, C2, 8).Roll(Q1, C3, 15, 1).Roll(Q1, GCell, 9, 1).Roll(Q1, X, 20);
        b.Meeting(C2, D(2025, 1, 10), expected: 8, present: 6)
         .Meeting(C2, D(2025, 2, 10), expected: 8, present: 8)
         .Meeting(C2, D(2025, 3, 10), expected: 8, present: 8)
         .Meeting(X, D(2025, 2, 12), expected: 20, present: 18)
         .Meeting(GCell, D(2025, 1, 20), expected: 8, present: 8);

        return b;
    }

    private static DateOnly D(int year, int month, int day) => new(year, month, day);
}
