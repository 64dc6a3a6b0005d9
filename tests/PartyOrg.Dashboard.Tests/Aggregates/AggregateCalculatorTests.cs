using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Aggregates.Builders;
using static PartyOrg.Dashboard.Tests.Aggregates.SmallProvince;

namespace PartyOrg.Dashboard.Tests.Aggregates;

/// <summary>
/// The metrics of <see cref="SmallProvince"/> against values worked out by hand. Each expected value is a
/// literal with its arithmetic beside it, so that a failure points at one number of the definition.
/// </summary>
public sealed class AggregateCalculatorTests
{
    private static readonly IReadOnlyList<MetricValue> Q4Rows = AggregateCalculator.Compute(Build().Build(Q4));
    private static readonly IReadOnlyList<MetricValue> Q1Rows = AggregateCalculator.Compute(Build().Build(Q1));

    [Theory]
    [InlineData(P, 2, 2, 1, 3)]   // D1, D2 | G1, G2 | GCell | C1, C2, C3
    [InlineData(D1, 0, 1, 0, 2)]  // G1 | C1, C2
    [InlineData(D2, 0, 1, 1, 1)]  // G2 | GCell | C3
    [InlineData(G1, 0, 0, 0, 2)]  // C1, C2
    [InlineData(G2, 0, 0, 0, 1)]  // C3
    [InlineData(C1, 0, 0, 0, 0)]  // a cell does not count itself
    [InlineData(GCell, 0, 0, 0, 0)]  // a grassroots cell does not count itself
    public void Structure_CountsDescendantsOfEachKind_NotTheUnitItself(int unit, int upper, int grassrootsCommittees, int grassrootsCells, int subordinateCells)
    {
        AssertRatio(Q4Rows, unit, MetricKeys.UpperCommittees, upper, 1);
        AssertRatio(Q4Rows, unit, MetricKeys.GrassrootsCommittees, grassrootsCommittees, 1);
        AssertRatio(Q4Rows, unit, MetricKeys.GrassrootsCells, grassrootsCells, 1);
        AssertRatio(Q4Rows, unit, MetricKeys.SubordinateCells, subordinateCells, 1);
    }

    [Theory]
    [InlineData(P, 2)]   // C2 (8 members) + GCell (9); C1 has 12, C3 15
    [InlineData(D1, 1)]  // C2
    [InlineData(D2, 1)]  // GCell
    [InlineData(G1, 1)]  // C2
    [InlineData(G2, 0)]  // C3 has 15
    [InlineData(C1, 0)]  // 12 ≥ 10
    [InlineData(C2, 1)]  // the cell itself: 8 < 10
    [InlineData(GCell, 1)]  // a grassroots cell is a cell too: 9 < 10
    public void SmallCells_CountCellsUnderTenMembers_IncludingTheUnitItself(int unit, int expected) =>
        AssertRatio(Q4Rows, unit, MetricKeys.SmallCells, expected, 1);

    [Fact]
    public void SmallCells_TenMembersIsNotSmall_AndACellWithNoRollCountsAsHavingNone()
    {
        var quarter = new Quarter(2024, 4);
        var facts = new FactsBuilder()
            .Unit(1, "TV", UnitKind.Province, null)
            .Unit(2, "TV.01", UnitKind.GrassrootsCommittee, 1, UnitSector.Commune)
            .Unit(3, "TV.01.01", UnitKind.Cell, 2)
            .Unit(4, "TV.01.02", UnitKind.Cell, 2)
            .Unit(5, "TV.01.03", UnitKind.Cell, 2)
            .Roll(quarter, 3, 10, 4)  // 10 members (exempt ones included): not fewer than 10
            .Roll(quarter, 4, 9)      // 9: small
            .Build(quarter);          // unit 5 has no roll: 0 members, small

        var rows = AggregateCalculator.Compute(facts);

        AssertRatio(rows, 2, MetricKeys.SmallCells, 2, 1);  // units 4 and 5
        AssertRatio(rows, 3, MetricKeys.SmallCells, 0, 1);
        AssertRatio(rows, 5, MetricKeys.SmallCells, 1, 1);
    }

    [Theory]
    [InlineData(P, 44, 4)]   // 12+8+15+9 ; 2+0+1+1 (X's 20 are not in the 2024-Q4 tree)
    [InlineData(D1, 20, 2)]  // 12+8 ; 2+0
    [InlineData(D2, 24, 2)]  // 15+9 ; 1+1
    [InlineData(G1, 20, 2)]  // 12+8 ; 2
    [InlineData(G2, 15, 1)]  // C3 alone
    [InlineData(C1, 12, 2)]
    [InlineData(GCell, 9, 1)]
    public void Members_TotalExemptAndEligible_SumTheRollsOfTheSubtree(int unit, int total, int exempt)
    {
        AssertRatio(Q4Rows, unit, MetricKeys.MembersTotal, total, 1);
        AssertRatio(Q4Rows, unit, MetricKeys.MembersExempt, exempt, 1);
        AssertRatio(Q4Rows, unit, MetricKeys.MembersEligible, total - exempt, 1);
    }

    [Theory]
    [InlineData(P, 2, 4)]   // C1 and C3 of C1, C2, C3, GCell
    [InlineData(D1, 1, 2)]  // C1 of C1, C2
    [InlineData(D2, 1, 2)]  // C3 of C3, GCell
    [InlineData(C1, 1, 1)]  // regular in Oct, Nov, Dec (the thematic one does not matter)
    [InlineData(C2, 0, 1)]  // combined Oct, regular Nov, nothing in Dec
    [InlineData(C3, 1, 1)]  // combined Oct counts as the October regular meeting
    [InlineData(GCell, 0, 1)]  // Oct, Nov only
    public void Regularity_NeedsARegularOrCombinedMeetingInEachMonth(int unit, int regular, int cells) =>
        AssertRatio(Q4Rows, unit, MetricKeys.Regularity, regular, cells);

    [Theory]
    [InlineData(P, 3, 4)]   // C1 (thematic), C2 and C3 (combined); not GCell
    [InlineData(D1, 2, 2)]
    [InlineData(D2, 1, 2)]
    [InlineData(C2, 1, 1)]  // a combined meeting is also the thematic one
    [InlineData(GCell, 0, 1)]
    public void ThematicCoverage_CountsCellsWithAThematicOrCombinedMeeting(int unit, int covered, int cells) =>
        AssertRatio(Q4Rows, unit, MetricKeys.ThematicCoverage, covered, cells);

    [Theory]
    [InlineData(P, 96, 106)]  // 29+14+39+14 ; 32+16+42+16
    [InlineData(D1, 43, 48)]  // 29+14 ; 32+16
    [InlineData(D2, 53, 58)]  // 39+14 ; 42+16
    [InlineData(C1, 29, 32)]  // 10+8+11 ; 10+10+12 (the thematic meeting and the ones outside the quarter are left out)
    [InlineData(C2, 14, 16)]  // 7+7 ; 8+8 (the combined meeting counts)
    [InlineData(C3, 39, 42)]  // 13+12+14 ; 14×3
    [InlineData(GCell, 14, 16)]  // 6+8 ; 8+8
    public void AttendanceRate_SumsPresentOverExpected_OfRegularAndCombinedMeetings(int unit, int present, int expected) =>
        AssertRatio(Q4Rows, unit, MetricKeys.AttendanceRate, present, expected);

    [Fact]
    public void AttendanceRate_ExemptMembersWhoAttend_CountInPresentAndInExpected()
    {
        var quarter = new Quarter(2024, 4);
        var facts = new FactsBuilder()
            .Unit(1, "TV", UnitKind.Province, null)
            .Unit(2, "TV.01", UnitKind.GrassrootsCell, 1)
            .Roll(quarter, 2, 12, 2)
            // 10 eligible: 9 came, and both exempt members came too → expected 10+2, present 9+2.
            .Meeting(2, new DateOnly(2024, 10, 1), expected: 12, present: 11, absentWithoutReason: 0)
            // No exempt member came: expected 10, present 9.
            .Meeting(2, new DateOnly(2024, 11, 1), expected: 10, present: 9, absentWithoutReason: 0)
            .Build(quarter);

        var rows = AggregateCalculator.Compute(facts);

        AssertRatio(rows, 2, MetricKeys.AttendanceRate, 20, 22);   // 11+9 ; 12+10
        AssertRatio(rows, 2, MetricKeys.QualityShare, 2, 2);       // 11 > 0.85×12 = 10.2 ; 9 > 8.5
        AssertRatio(rows, 2, MetricKeys.MembersEligible, 10, 1);   // 12 − 2: the roll is not changed by who came
        AssertRatio(rows, 1, MetricKeys.AttendanceRate, 20, 22);
        Assert.Equal(20.0 / 22, Metric.From(Row(rows, 1, MetricKeys.AttendanceRate)).Value);
    }

    [Theory]
    [InlineData(P, 7, 10)]  // 2+2+2+1 ; 3+2+3+2
    [InlineData(D1, 4, 5)]
    [InlineData(D2, 3, 5)]
    [InlineData(C1, 2, 3)]  // Oct 10/10 yes; Nov 8/10 = 80 % no; Dec 11/12 yes
    [InlineData(C2, 2, 2)]  // 7/8 = 87.5 % twice, the combined one included
    [InlineData(C3, 2, 3)]  // Oct 13/14 but one absent without reason: no
    [InlineData(GCell, 1, 2)]  // Oct 6/8 = 75 % with 2 absent without reason: no; Nov 8/8 yes
    public void QualityShare_NeedsAbove85PercentAndNoAbsenceWithoutReason(int unit, int quality, int meetings) =>
        AssertRatio(Q4Rows, unit, MetricKeys.QualityShare, quality, meetings);

    [Fact]
    public void QualityShare_Exactly85Percent_IsNotAbove()
    {
        var quarter = new Quarter(2024, 4);
        var facts = new FactsBuilder()
            .Unit(1, "TV", UnitKind.Province, null)
            .Unit(2, "TV.01", UnitKind.GrassrootsCell, 1)
            .Meeting(2, new DateOnly(2024, 10, 1), expected: 20, present: 17)  // 17/20 = 85 %: not above
            .Meeting(2, new DateOnly(2024, 11, 1), expected: 20, present: 18)  // 90 %
            .Build(quarter);

        AssertRatio(AggregateCalculator.Compute(facts), 2, MetricKeys.QualityShare, 1, 2);
    }

    [Theory]
    [InlineData(P, 8, 11)]  // 3+1+2+2 ; 4+2+3+2
    [InlineData(D1, 4, 6)]
    [InlineData(D2, 4, 5)]
    [InlineData(C1, 3, 4)]  // 90 ok, 60 no, thematic 100 ok, 95 ok
    [InlineData(C2, 1, 2)]  // combined 110 < 120 no; regular 90 ok
    [InlineData(C3, 2, 3)]  // combined 120 ok; 90 ok; 89 no
    [InlineData(GCell, 2, 2)]
    public void DurationCompliance_Needs90Minutes_Or120WhenCombined(int unit, int compliant, int meetings) =>
        AssertRatio(Q4Rows, unit, MetricKeys.DurationCompliance, compliant, meetings);

    [Theory]
    [InlineData(P, 6, 3, 11)]  // 3+1+2+0 ; 2+0+1+0 ; 11 meetings
    [InlineData(D1, 4, 2, 6)]
    [InlineData(D2, 2, 1, 5)]
    [InlineData(C1, 3, 2, 4)]  // docs: Oct, thematic, Dec ; upper level: Nov, thematic
    [InlineData(C2, 1, 0, 2)]
    [InlineData(C3, 2, 1, 3)]
    [InlineData(GCell, 0, 0, 2)]
    public void DocumentsAheadAndUpperLevelPresence_AreSharesOfAllMeetings(int unit, int documentsAhead, int upperLevel, int meetings)
    {
        AssertRatio(Q4Rows, unit, MetricKeys.DocumentsAhead, documentsAhead, meetings);
        AssertRatio(Q4Rows, unit, MetricKeys.UpperLevelPresence, upperLevel, meetings);
    }

    [Theory]
    [InlineData(P, 2, 2, 2, 1, 7)]   // 90,95 | 70,72 | 50,55 | 45 ; 7 scored of 11
    [InlineData(D1, 1, 1, 1, 1, 4)]  // 95 | 72 | 55 | 45
    [InlineData(D2, 1, 1, 1, 0, 3)]  // 90 | 70 | 50
    [InlineData(C1, 1, 1, 1, 0, 3)]  // the unscored thematic meeting is not in the denominator
    [InlineData(C2, 0, 0, 0, 1, 1)]  // 45 < 50
    [InlineData(C3, 1, 1, 1, 0, 3)]  // the boundaries 90, 70, 50 belong to the higher grade
    public void Grades_SplitScoredMeetingsAt90_70_50(int unit, int tot, int kha, int trungBinh, int kem, int scored)
    {
        AssertRatio(Q4Rows, unit, MetricKeys.GradeTot, tot, scored);
        AssertRatio(Q4Rows, unit, MetricKeys.GradeKha, kha, scored);
        AssertRatio(Q4Rows, unit, MetricKeys.GradeTrungBinh, trungBinh, scored);
        AssertRatio(Q4Rows, unit, MetricKeys.GradeKem, kem, scored);
    }

    [Fact]
    public void ZeroDenominator_NoScoredMeetings_StoresNoGradeRowSoTheValueReadsNull()
    {
        // GCell met twice but no meeting was scored: 0 scored meetings.
        foreach (var key in new[] { MetricKeys.GradeTot, MetricKeys.GradeKha, MetricKeys.GradeTrungBinh, MetricKeys.GradeKem })
        {
            Assert.Null(Find(Q4Rows, GCell, key));
            Assert.Null(Read(Q4Rows, GCell, key).Value);
        }

        // Its other meeting metrics exist.
        AssertRatio(Q4Rows, GCell, MetricKeys.DurationCompliance, 2, 2);

        // G1 held no meeting in 2025-Q1: no attendance at all, and no row anywhere has a 0 denominator.
        Assert.Null(Find(Q1Rows, G1, MetricKeys.AttendanceRate));
        Assert.Null(Find(Q1Rows, D1, MetricKeys.AttendanceRate));
        AssertRatio(Q1Rows, D1, MetricKeys.Regularity, 0, 1);  // a cell that did not meet is a 0, not a missing value
        Assert.DoesNotContain(Q4Rows.Concat(Q1Rows), r => r.Denominator == 0);
        Assert.Null(Metric.From(new MetricValue { Key = MetricKeys.GradeTot, Numerator = 0, Denominator = 0 }).Value);
    }

    [Theory]
    [InlineData(P, 12, 40)]  // 5+4+3 ; 44−4 (X's 6 responses are not counted)
    [InlineData(D1, 9, 18)]  // 5+4 ; 20−2
    [InlineData(D2, 3, 22)]  // 3+0 ; 24−2
    [InlineData(C1, 5, 10)]  // 12−2
    [InlineData(C2, 4, 8)]
    [InlineData(GCell, 0, 8)]   // no response: a rate of 0, not a missing one
    public void SurveyResponses_CountResponses_AndTheRateIsOverEligibleMembers(int unit, int responses, int eligible)
    {
        AssertRatio(Q4Rows, unit, MetricKeys.SurveyResponses, responses, 1);
        AssertRatio(Q4Rows, unit, MetricKeys.SurveyResponseRate, responses, eligible);
    }

    [Theory]
    [InlineData(C1, 1, 3, 4)]    // yes, yes, no, yes, "Không rõ" → 3 of 4
    [InlineData(C1, 2, 2, 3)]    // 5, 4, 3 counted; "Không rõ" and unanswered not → 2 of 3
    [InlineData(C1, 4, 2, 5)]    // 5, 4 of 5,4,3,2,1
    [InlineData(C1, 5, 4, 5)]    // yes ×4, no ×1
    [InlineData(C1, 11, 3, 5)]   // 5, 4, 5 of 5,4,3,2,5
    [InlineData(G1, 1, 7, 8)]    // C1 3/4 + C2 4/4
    [InlineData(G1, 2, 6, 7)]    // C1 2/3 + C2 4/4
    [InlineData(P, 1, 10, 11)]   // 3/4 + 4/4 + 3/3
    [InlineData(P, 2, 9, 10)]    // 2/3 + 4/4 + 3/3
    [InlineData(P, 11, 10, 12)]  // 3/5 + 4/4 + 3/3
    public void SurveyFavourable_CountsFourAndFiveOrYes_OverAnswersThatCount(int unit, int question, int favourable, int counted) =>
        AssertRatio(Q4Rows, unit, MetricKeys.SurveyFavourable(question), favourable, counted);

    [Fact]
    public void SurveyFavourable_Q10NotHeld_IsNotCounted()
    {
        AssertRatio(Q4Rows, C1, MetricKeys.SurveyFavourable(10), 2, 3);  // yes, not held, not held, no, yes → 2 of 3
        Assert.Null(Find(Q4Rows, C2, MetricKeys.SurveyFavourable(10)));  // all four said "not held": nothing to count
        AssertRatio(Q4Rows, G1, MetricKeys.SurveyFavourable(10), 2, 3);  // C1 2/3 + C2 0/0
        AssertRatio(Q4Rows, P, MetricKeys.SurveyFavourable(10), 5, 6);   // 2/3 + 0/0 + 3/3
    }

    [Fact]
    public void Survey_FourResponses_AreSuppressedAtTheCellButCountInTheParent()
    {
        // C2 has 4 responses: every favourable share and the index are kept but hidden.
        var c2 = Q4Rows.Where(r => r.UnitId == C2 && MetricKeys.IsSuppressible(r.Key)).ToList();
        Assert.Equal(11, c2.Count);  // q1–q9, q11 and the index (q10 has no counted answer)
        Assert.All(c2, r => Assert.True(r.Suppressed, r.Key));
        Assert.All(c2, r => Assert.Equal(new Metric(null, null, null, true), Metric.From(r)));
        Assert.Equal((4.0, 4.0), (Row(Q4Rows, C2, MetricKeys.SurveyFavourable(1)).Numerator, Row(Q4Rows, C2, MetricKeys.SurveyFavourable(1)).Denominator));

        // Counts of responses are never hidden.
        AssertRatio(Q4Rows, C2, MetricKeys.SurveyResponses, 4, 1);

        // G1 = C1 (5) + C2 (4) = 9 responses: shown, with C2's answers in it.
        AssertRatio(Q4Rows, G1, MetricKeys.SurveyFavourable(1), 7, 8);  // 3/4 + 4/4
        Assert.Equal(7.0 / 8, Metric.From(Row(Q4Rows, G1, MetricKeys.SurveyFavourable(1))).Value);

        // C3, G2 and D2 have 3 responses each: all hidden; P has 12: shown.
        foreach (var unit in new[] { C3, G2, D2 })
        {
            Assert.True(Row(Q4Rows, unit, MetricKeys.SurveyFavourable(1)).Suppressed);
            Assert.True(Row(Q4Rows, unit, MetricKeys.SurveyIndex).Suppressed);
        }

        Assert.False(Row(Q4Rows, P, MetricKeys.SurveyIndex).Suppressed);
    }

    [Fact]
    public void Survey_FiveResponses_AreShown()
    {
        var c1 = Q4Rows.Where(r => r.UnitId == C1 && MetricKeys.IsSuppressible(r.Key)).ToList();
        Assert.Equal(12, c1.Count);  // q1–q11 and the index
        Assert.All(c1, r => Assert.False(r.Suppressed, r.Key));
        Assert.Equal(0.75, Read(Q4Rows, C1, MetricKeys.SurveyFavourable(1)).Value);  // 3/4
    }

    [Fact]
    public void SurveyIndex_IsTheMeanOfTheDefinedFavourableShares()
    {
        // C1: 75 + 66.67 + 80 + 40 + 80 + 40×4 + 66.67 + 60 over 11 questions.
        AssertIndex(C1, 75 + 200.0 / 3 + 80 + 40 + 80 + 4 * 40 + 200.0 / 3 + 60, 11, suppressed: false);

        // C2: q10 undefined (all "not held"), the 10 others 100 %; 4 responses → hidden.
        AssertIndex(C2, 1000, 10, suppressed: true);

        // G1 from the summed counters (not the mean of C1's and C2's indexes):
        // q1 7/8, q2 6/7, q3 8/9, q4 6/9, q5 8/9, q6–q9 6/9, q10 2/3, q11 7/9.
        AssertIndex(G1, 87.5 + 600.0 / 7 + (800.0 + 600 + 800 + 2400 + 700) / 9 + 200.0 / 3, 11, suppressed: false);

        // P: q1 10/11, q2 9/10, q3 11/12, q4 9/12, q5 11/12, q6–q9 9/12, q10 5/6, q11 10/12.
        AssertIndex(P, 1000.0 / 11 + 90 + (1100.0 + 900 + 1100 + 3600 + 1000) / 12 + 500.0 / 6, 11, suppressed: false);

        Assert.Null(Find(Q4Rows, GCell, MetricKeys.SurveyIndex));  // no responses, no question defined
    }

    [Theory]
    [InlineData(P, "M01", 2, 4)]  // C1 and GCell of C1, C2, C3, GCell
    [InlineData(D1, "M01", 1, 2)]
    [InlineData(D2, "M01", 1, 2)]
    [InlineData(C1, "M01", 1, 1)]  // adopted in March 2024, no end
    [InlineData(C2, "M01", 0, 1)]  // replicated but ended 30/11/2024; its later adoption is "stopped"
    [InlineData(C3, "M01", 0, 1)]  // starts 15/01/2025, after the quarter
    [InlineData(GCell, "M01", 1, 1)]  // started on 31/12/2024, the last day; ends after
    [InlineData(P, "M02", 1, 2)]   // D1 adopted; D2 only piloted
    [InlineData(D1, "M02", 1, 1)]  // the unit itself is one of its targets
    [InlineData(D2, "M02", 0, 1)]
    [InlineData(P, "M03", 1, 3)]   // G2 of G1, G2, GCell
    [InlineData(D2, "M03", 1, 2)]  // G2 of G2, GCell
    [InlineData(GCell, "M03", 0, 1)]  // its adoption ended on 31/12/2024: no longer in force at quarter end
    [InlineData(G1, "M03", 0, 1)]
    public void PracticeCoverage_CountsTargetsWithAnAdoptionInForceAtQuarterEnd(int unit, string code, int adopted, int targets) =>
        AssertRatio(Q4Rows, unit, MetricKeys.PracticeCoverage(code), adopted, targets);

    [Fact]
    public void PracticeCoverage_UnitWithNoTargetInItsSubtree_HasNoRow()
    {
        Assert.Null(Find(Q4Rows, G1, MetricKeys.PracticeCoverage("M02")));  // no upper committee under G1
        Assert.Null(Find(Q4Rows, C1, MetricKeys.PracticeCoverage("M03")));  // a cell is not a grassroots organisation
    }

    [Fact]
    public void MovedCell_RollsUpToItsOldParentBefore_AndToItsNewParentAfter()
    {
        // 2024-Q4: C2 under G1 (D1).
        AssertRatio(Q4Rows, G1, MetricKeys.MembersTotal, 20, 1);         // C1 12 + C2 8
        AssertRatio(Q4Rows, G1, MetricKeys.AttendanceRate, 43, 48);      // C1 29/32 + C2 14/16
        AssertRatio(Q4Rows, G2, MetricKeys.MembersTotal, 15, 1);         // C3
        AssertRatio(Q4Rows, D2, MetricKeys.SubordinateCells, 1, 1);      // C3

        // 2025-Q1: C2 under G2 (D2), X has appeared, GCell has ended.
        AssertRatio(Q1Rows, G1, MetricKeys.MembersTotal, 12, 1);         // C1
        AssertRatio(Q1Rows, D1, MetricKeys.MembersTotal, 12, 1);
        AssertRatio(Q1Rows, G1, MetricKeys.SubordinateCells, 1, 1);      // C1
        AssertRatio(Q1Rows, G2, MetricKeys.MembersTotal, 43, 1);         // C3 15 + C2 8 + X 20
        AssertRatio(Q1Rows, D2, MetricKeys.MembersTotal, 43, 1);         // GCell's 9 no longer counted
        AssertRatio(Q1Rows, G2, MetricKeys.SubordinateCells, 3, 1);      // C3, C2, X
        AssertRatio(Q1Rows, G2, MetricKeys.AttendanceRate, 40, 44);      // C2 6+8+8 / 8×3 + X 18/20
        AssertRatio(Q1Rows, G2, MetricKeys.Regularity, 1, 3);            // C2 met every month; C3 never, X once
        AssertRatio(Q1Rows, P, MetricKeys.MembersTotal, 55, 1);          // 12 + 43
        AssertRatio(Q1Rows, P, MetricKeys.AttendanceRate, 40, 44);       // GCell's January meeting not counted
    }

    [Fact]
    public void UnitsOutsideTheQuartersTree_HaveNoRows_AndTheirFactsAreNotCounted()
    {
        // X begins on 01/01/2025: in 2024-Q4 its roll, meeting, responses and adoption are ignored.
        Assert.DoesNotContain(Q4Rows, r => r.UnitId == X);
        AssertRatio(Q4Rows, P, MetricKeys.MembersTotal, 44, 1);           // not 44 + 20
        AssertRatio(Q4Rows, P, MetricKeys.DurationCompliance, 8, 11);     // X's meeting is not the 12th
        AssertRatio(Q4Rows, P, MetricKeys.SurveyResponses, 12, 1);        // not 12 + 6
        AssertRatio(Q4Rows, G2, MetricKeys.PracticeCoverage("M01"), 0, 1);  // C3 only, X's adoption ignored

        // GCell ends on 15/03/2025: absent from the 2025-Q1 tree.
        Assert.DoesNotContain(Q1Rows, r => r.UnitId == GCell);
        AssertRatio(Q1Rows, D2, MetricKeys.GrassrootsCells, 0, 1);
        Assert.Contains(Q1Rows, r => r.UnitId == X);
        AssertRatio(Q1Rows, X, MetricKeys.MembersTotal, 20, 1);
    }

    [Fact]
    public void EveryUnitOfTheTree_GetsItsRows_AndOnlySurveyResultsAreEverSuppressed()
    {
        var tree = Build().TreeAt(Q4);

        Assert.Equal(tree.All.Select(n => n.Id).Order(), Q4Rows.Select(r => r.UnitId).Distinct().Order());
        Assert.All(Q4Rows, r => Assert.Equal(Q4.Key, r.QuarterKey));
        Assert.All(Q4Rows.Where(r => r.Suppressed), r => Assert.True(MetricKeys.IsSuppressible(r.Key), r.Key));
        Assert.Equal(Q4Rows.Count, Q4Rows.Select(r => (r.UnitId, r.Key)).Distinct().Count());
    }

    private static void AssertIndex(int unit, double numerator, double denominator, bool suppressed)
    {
        var row = Row(Q4Rows, unit, MetricKeys.SurveyIndex);
        Assert.Equal(numerator, row.Numerator, 1e-9);
        Assert.Equal(denominator, row.Denominator);
        Assert.Equal(suppressed, row.Suppressed);
        var value = Metric.From(row).Value;
        if (suppressed)
        {
            Assert.Null(value);
        }
        else
        {
            Assert.NotNull(value);
            Assert.Equal(numerator / denominator, value.Value, 1e-9);
        }
    }

    private static MetricValue? Find(IReadOnlyList<MetricValue> rows, int unit, string key) =>
        rows.SingleOrDefault(r => r.UnitId == unit && r.Key == key);

    private static MetricValue Row(IReadOnlyList<MetricValue> rows, int unit, string key) =>
        Find(rows, unit, key) ?? throw new Xunit.Sdk.XunitException($"No row {key} for unit {unit}.");

    /// <summary>The metric as the query service reads it: a missing row reads as <see cref="Metric.Empty"/>.</summary>
    private static Metric Read(IReadOnlyList<MetricValue> rows, int unit, string key) =>
        Find(rows, unit, key) is { } row ? Metric.From(row) : Metric.Empty;

    private static void AssertRatio(IReadOnlyList<MetricValue> rows, int unit, string key, double numerator, double denominator)
    {
        var row = Row(rows, unit, key);
        Assert.Equal((numerator, denominator), (row.Numerator, row.Denominator));
        Assert.False(row.Suppressed, $"{key} of unit {unit} is suppressed.");
    }
}
