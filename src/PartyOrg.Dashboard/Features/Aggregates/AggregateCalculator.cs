using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Practices;
using PartyOrg.Dashboard.Features.Surveys;

namespace PartyOrg.Dashboard.Features.Aggregates;

/// <summary>
/// Computes every metric of every unit of one quarter from the raw facts. Each unit's own facts become
/// counters; a unit's counters are its own plus the sums of its children's (numerators and denominators
/// are summed, never percentages); metrics are ratios of the summed counters. Facts of units that are not
/// in the tree at the end of the quarter are not counted. Pure and deterministic: the same facts give the
/// same rows in the same order.
/// </summary>
public static class AggregateCalculator
{
    private const int Questions = 11;

    private enum C
    {
        UpperCommittees,
        GrassrootsCommittees,
        GrassrootsCells,
        SubordinateCells,
        SmallCells,
        Members,
        Exempt,
        Cells,
        RegularCells,
        ThematicCells,
        Present,
        Expected,
        AttendanceMeetings,
        QualityMeetings,
        Meetings,
        DurationOk,
        DocumentsAhead,
        UpperLevel,
        Scored,
        Tot,
        Kha,
        TrungBinh,
        Kem,
        Responses,
        Favourable1,
        Counted1 = Favourable1 + Questions,
        Practices = Counted1 + Questions,
    }

    public static IReadOnlyList<MetricValue> Compute(QuarterFacts facts)
    {
        var tree = facts.Tree;
        var quarter = tree.Quarter;
        var practiceCount = facts.Practices.Count;
        var width = (int)C.Practices + 2 * practiceCount;
        var order = tree.Roots.SelectMany(r => tree.Subtree(r.Id)).ToList(); // parents before children
        var index = new Dictionary<int, int>(order.Count);
        for (var i = 0; i < order.Count; i++)
        {
            index[order[i].Id] = i;
        }

        var acc = new double[order.Count, width];
        AddStructure(order, acc);
        AddRolls(facts.Rolls, index, acc);
        AddMeetings(facts.Meetings, quarter, index, acc);
        AddResponses(facts.Responses, index, acc);
        AddPractices(facts, order, acc);

        // Roll up: children come after their parents in `order`, so walking backwards adds every
        // subtree's totals to its parent exactly once.
        for (var i = order.Count - 1; i >= 0; i--)
        {
            if (order[i].ParentId is { } parent && index.TryGetValue(parent, out var p))
            {
                for (var c = 0; c < width; c++)
                {
                    acc[p, c] += acc[i, c];
                }
            }
        }

        var rows = new List<MetricValue>(order.Count * 40);
        for (var i = 0; i < order.Count; i++)
        {
            Emit(rows, quarter.Key, order[i], i, acc, facts.Practices);
        }

        return rows;
    }

    private static void AddStructure(List<OrgNode> order, double[,] acc)
    {
        for (var i = 0; i < order.Count; i++)
        {
            var kind = order[i].Kind;
            switch (kind)
            {
                case UnitKind.UpperCommittee: acc[i, (int)C.UpperCommittees] = 1; break;
                case UnitKind.GrassrootsCommittee: acc[i, (int)C.GrassrootsCommittees] = 1; break;
                case UnitKind.GrassrootsCell: acc[i, (int)C.GrassrootsCells] = 1; break;
                case UnitKind.Cell: acc[i, (int)C.SubordinateCells] = 1; break;
                default: break;
            }

            if (kind.HoldsMeetings())
            {
                acc[i, (int)C.Cells] = 1;
            }
        }
    }

    private static void AddRolls(IReadOnlyList<RollFact> rolls, Dictionary<int, int> index, double[,] acc)
    {
        foreach (var roll in rolls)
        {
            if (index.TryGetValue(roll.UnitId, out var i))
            {
                acc[i, (int)C.Members] += roll.Members;
                acc[i, (int)C.Exempt] += roll.Exempt;
            }
        }

        // Small cells (merge candidates): cells with fewer than 10 members on the roll at quarter end.
        for (var i = 0; i < acc.GetLength(0); i++)
        {
            if (acc[i, (int)C.Cells] == 1 && acc[i, (int)C.Members] < 10)
            {
                acc[i, (int)C.SmallCells] = 1;
            }
        }
    }

    private static void AddMeetings(IReadOnlyList<MeetingFact> meetings, Infrastructure.Time.Quarter quarter, Dictionary<int, int> index, double[,] acc)
    {
        var firstMonth = quarter.Start.Month;
        var regularMonths = new Dictionary<int, int>(); // unit index → bit per month with a regular meeting
        var thematic = new HashSet<int>();
        foreach (var m in meetings)
        {
            if (!index.TryGetValue(m.UnitId, out var i) || !quarter.Contains(m.Date))
            {
                continue;
            }

            var regular = m.Kind is MeetingKind.Regular or MeetingKind.Combined;
            if (regular)
            {
                regularMonths[i] = regularMonths.GetValueOrDefault(i) | (1 << (m.Date.Month - firstMonth));
                acc[i, (int)C.Present] += m.Present;
                acc[i, (int)C.Expected] += m.Expected;
                acc[i, (int)C.AttendanceMeetings] += 1;
                if (m.Expected > 0 && m.Present > 0.85 * m.Expected && m.AbsentWithoutReason == 0)
                {
                    acc[i, (int)C.QualityMeetings] += 1;
                }
            }

            if (m.Kind is MeetingKind.Thematic or MeetingKind.Combined)
            {
                thematic.Add(i);
            }

            acc[i, (int)C.Meetings] += 1;
            if (m.DurationMinutes >= (m.Kind == MeetingKind.Combined ? 120 : 90))
            {
                acc[i, (int)C.DurationOk] += 1;
            }

            if (m.DocumentsAhead)
            {
                acc[i, (int)C.DocumentsAhead] += 1;
            }

            if (m.UpperLevelAttended)
            {
                acc[i, (int)C.UpperLevel] += 1;
            }

            if (m.Score is { } score)
            {
                acc[i, (int)C.Scored] += 1;
                acc[i, (int)Grade(score)] += 1;
            }
        }

        foreach (var (i, months) in regularMonths)
        {
            if (months == 0b111 && acc[i, (int)C.Cells] == 1)
            {
                acc[i, (int)C.RegularCells] = 1;
            }
        }

        foreach (var i in thematic)
        {
            if (acc[i, (int)C.Cells] == 1)
            {
                acc[i, (int)C.ThematicCells] = 1;
            }
        }
    }

    /// <summary>Tốt ≥ 90, Khá ≥ 70, Trung bình ≥ 50, Kém &lt; 50.</summary>
    private static C Grade(int score) => score switch
    {
        >= 90 => C.Tot,
        >= 70 => C.Kha,
        >= 50 => C.TrungBinh,
        _ => C.Kem,
    };

    private static void AddResponses(IReadOnlyList<ResponseFact> responses, Dictionary<int, int> index, double[,] acc)
    {
        foreach (var r in responses)
        {
            if (!index.TryGetValue(r.UnitId, out var i))
            {
                continue;
            }

            acc[i, (int)C.Responses] += 1;
            for (var q = 1; q <= Questions; q++)
            {
                var answer = r.Answers[q - 1];
                if (Questionnaire.Counts(q, answer))
                {
                    acc[i, (int)C.Counted1 + q - 1] += 1;
                    if (Questionnaire.IsFavourable(q, answer))
                    {
                        acc[i, (int)C.Favourable1 + q - 1] += 1;
                    }
                }
            }
        }
    }

    private static void AddPractices(QuarterFacts facts, List<OrgNode> order, double[,] acc)
    {
        var end = facts.Tree.Quarter.End;
        var inForce = facts.Adoptions
            .Where(a => a.Stage is AdoptionStage.Adopted or AdoptionStage.Replicated && a.StartedOn <= end && (a.EndedOn is null || end < a.EndedOn))
            .Select(a => (a.PracticeId, a.UnitId))
            .ToHashSet();
        for (var p = 0; p < facts.Practices.Count; p++)
        {
            var practice = facts.Practices[p];
            var target = (int)C.Practices + 2 * p;
            for (var i = 0; i < order.Count; i++)
            {
                if (IsTarget(practice.Target, order[i]))
                {
                    acc[i, target] = 1;
                    if (inForce.Contains((practice.Id, order[i].Id)))
                    {
                        acc[i, target + 1] = 1;
                    }
                }
            }
        }
    }

    /// <summary>Whether a unit is one of those a practice is meant for (the denominator of its coverage).</summary>
    public static bool IsTarget(PracticeTarget target, OrgNode unit) => target switch
    {
        PracticeTarget.UpperCommittees => unit.Kind == UnitKind.UpperCommittee,
        PracticeTarget.GrassrootsOrganisations => unit.Kind.IsGrassroots(),
        PracticeTarget.CommuneCommittees => unit.Kind == UnitKind.GrassrootsCommittee && unit.Sector.IsCommuneLevel(),
        PracticeTarget.Cells => unit.Kind.HoldsMeetings(),
        _ => false,
    };

    private static void Emit(List<MetricValue> rows, int quarterKey, OrgNode unit, int i, double[,] acc, IReadOnlyList<PracticeFact> practices)
    {
        double V(C c) => acc[i, (int)c];
        double Self(UnitKind kind) => unit.Kind == kind ? 1 : 0;
        var responses = V(C.Responses);
        var suppressed = responses < MetricKeys.MinimumResponses;

        void Add(string key, double numerator, double denominator, bool suppress = false)
        {
            if (denominator != 0)
            {
                rows.Add(new MetricValue { QuarterKey = quarterKey, UnitId = unit.Id, Key = key, Numerator = numerator, Denominator = denominator, Suppressed = suppress });
            }
        }

        // Structure counts are of descendants: the unit itself is not counted.
        Add(MetricKeys.UpperCommittees, V(C.UpperCommittees) - Self(UnitKind.UpperCommittee), 1);
        Add(MetricKeys.GrassrootsCommittees, V(C.GrassrootsCommittees) - Self(UnitKind.GrassrootsCommittee), 1);
        Add(MetricKeys.GrassrootsCells, V(C.GrassrootsCells) - Self(UnitKind.GrassrootsCell), 1);
        Add(MetricKeys.SubordinateCells, V(C.SubordinateCells) - Self(UnitKind.Cell), 1);
        Add(MetricKeys.SmallCells, V(C.SmallCells), 1);
        Add(MetricKeys.MembersTotal, V(C.Members), 1);
        Add(MetricKeys.MembersExempt, V(C.Exempt), 1);
        Add(MetricKeys.MembersEligible, V(C.Members) - V(C.Exempt), 1);
        Add(MetricKeys.Regularity, V(C.RegularCells), V(C.Cells));
        Add(MetricKeys.ThematicCoverage, V(C.ThematicCells), V(C.Cells));
        Add(MetricKeys.AttendanceRate, V(C.Present), V(C.Expected));
        Add(MetricKeys.QualityShare, V(C.QualityMeetings), V(C.AttendanceMeetings));
        Add(MetricKeys.DurationCompliance, V(C.DurationOk), V(C.Meetings));
        Add(MetricKeys.DocumentsAhead, V(C.DocumentsAhead), V(C.Meetings));
        Add(MetricKeys.UpperLevelPresence, V(C.UpperLevel), V(C.Meetings));
        Add(MetricKeys.GradeTot, V(C.Tot), V(C.Scored));
        Add(MetricKeys.GradeKha, V(C.Kha), V(C.Scored));
        Add(MetricKeys.GradeTrungBinh, V(C.TrungBinh), V(C.Scored));
        Add(MetricKeys.GradeKem, V(C.Kem), V(C.Scored));
        Add(MetricKeys.SurveyResponses, responses, 1);
        Add(MetricKeys.SurveyResponseRate, responses, V(C.Members) - V(C.Exempt));

        double shares = 0;
        var defined = 0;
        for (var q = 1; q <= Questions; q++)
        {
            var favourable = acc[i, (int)C.Favourable1 + q - 1];
            var counted = acc[i, (int)C.Counted1 + q - 1];
            Add(MetricKeys.SurveyFavourable(q), favourable, counted, suppressed);
            if (counted > 0)
            {
                shares += 100 * favourable / counted;
                defined++;
            }
        }

        // The index is the mean of the defined favourable shares (0–100): numerator Σ shares, denominator their count.
        Add(MetricKeys.SurveyIndex, shares, defined, suppressed);

        for (var p = 0; p < practices.Count; p++)
        {
            var target = (int)C.Practices + 2 * p;
            Add(MetricKeys.PracticeCoverage(practices[p].Code), acc[i, target + 1], acc[i, target]);
        }
    }
}
