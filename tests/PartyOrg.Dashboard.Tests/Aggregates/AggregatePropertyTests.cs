using System.Globalization;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Practices;
using PartyOrg.Dashboard.Tests.Aggregates.Builders;

namespace PartyOrg.Dashboard.Tests.Aggregates;

/// <summary>
/// Random provinces (<see cref="RandomProvince"/>, one seed per case) against an oracle written straight
/// from the metric definitions: for each unit, the facts of its subtree, counted with LINQ.
/// </summary>
public sealed class AggregatePropertyTests
{
    private const double IndexTolerance = 1e-9;

    /// <summary>Metrics that are plain counts: numerator the count, denominator always 1.</summary>
    private static readonly HashSet<string> Counts =
    [
        MetricKeys.UpperCommittees, MetricKeys.GrassrootsCommittees, MetricKeys.GrassrootsCells, MetricKeys.SubordinateCells,
        MetricKeys.SmallCells, MetricKeys.MembersTotal, MetricKeys.MembersExempt, MetricKeys.MembersEligible, MetricKeys.SurveyResponses,
    ];

    public static TheoryData<int> Seeds
    {
        get
        {
            var seeds = new TheoryData<int>();
            for (var seed = 1; seed <= 200; seed++)
            {
                seeds.Add(seed);
            }

            return seeds;
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compute_EveryRow_EqualsTheDefinitionOverTheUnitsSubtree(int seed)
    {
        var facts = RandomProvince.Generate(seed);
        var rows = AggregateCalculator.Compute(facts);
        var tree = facts.Tree;
        var problems = new List<string>();

        var duplicates = rows.GroupBy(r => (r.UnitId, r.Key)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        problems.AddRange(duplicates.Select(d => $"unit {d.UnitId}: {d.Key} stored twice"));
        problems.AddRange(rows.Where(r => tree.Find(r.UnitId) is null).Select(r => $"unit {r.UnitId} is not in the tree but has {r.Key}"));
        problems.AddRange(rows.Where(r => r.QuarterKey != tree.Quarter.Key).Select(r => $"unit {r.UnitId}: {r.Key} has quarter {r.QuarterKey}"));

        var byUnit = rows.ToLookup(r => r.UnitId);
        foreach (var unit in tree.All)
        {
            var expected = Oracle.Compute(facts, unit.Id, tree.Subtree(unit.Id).ToList())
                .Where(e => e.Value.Denominator != 0)
                .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            var actual = byUnit[unit.Id].GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

            foreach (var key in expected.Keys.Except(actual.Keys))
            {
                problems.Add($"{unit.Code} (id {unit.Id}): {key} missing, expected {expected[key]}");
            }

            foreach (var key in actual.Keys.Except(expected.Keys))
            {
                var row = actual[key];
                problems.Add($"{unit.Code} (id {unit.Id}): {key} = {row.Numerator}/{row.Denominator} stored, expected no row (denominator 0)");
            }

            foreach (var (key, e) in expected.Where(e => actual.ContainsKey(e.Key)))
            {
                var row = actual[key];
                var numeratorMatches = key == MetricKeys.SurveyIndex
                    ? Math.Abs(row.Numerator - e.Numerator) <= IndexTolerance
                    : row.Numerator == e.Numerator;
                if (!numeratorMatches || row.Denominator != e.Denominator || row.Suppressed != e.Suppressed)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{unit.Code} (id {unit.Id}): {key} = {row.Numerator}/{row.Denominator} suppressed {row.Suppressed}, expected {e}"));
                }
            }
        }

        Assert.True(problems.Count == 0, $"seed {seed}: {problems.Count} problem(s)\n{string.Join('\n', problems.Take(25))}");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compute_AdditiveMetrics_ParentEqualsOwnPlusSumOfChildren(int seed)
    {
        // For every metric but survey.index, numerator and denominator are sums: a unit's are its own
        // facts' (the definition applied to the unit alone) plus its children's stored values. Counts
        // (structure, members, responses) are stored over a constant denominator of 1, so only their
        // numerator adds up; structure counts leave the unit itself out, so a child adds its own count
        // plus 1 if it is of that kind.
        var facts = RandomProvince.Generate(seed);
        var rows = AggregateCalculator.Compute(facts);
        var tree = facts.Tree;
        var stored = rows.ToDictionary(r => (r.UnitId, r.Key), r => (r.Numerator, r.Denominator));
        (double Numerator, double Denominator) Stored(int unit, string key) =>
            stored.TryGetValue((unit, key), out var value) ? value
            // A rate over 0 eligible members is not stored, yet its numerator (the responses) may not be 0:
            // it is the survey.responses count, which is always stored. Every other missing row is 0/0.
            : key == MetricKeys.SurveyResponseRate ? (stored[(unit, MetricKeys.SurveyResponses)].Numerator, 0)
            : (0, 0);
        var keys = MetricKeys.Fixed.Where(k => k != MetricKeys.SurveyIndex)
            .Concat(facts.Practices.Select(p => MetricKeys.PracticeCoverage(p.Code)))
            .ToList();
        var problems = new List<string>();

        foreach (var unit in tree.All)
        {
            var own = Oracle.Compute(facts, unit.Id, [unit]);
            var children = tree.Children(unit.Id);
            foreach (var key in keys)
            {
                var numerator = own[key].Numerator + children.Sum(c => Stored(c.Id, key).Numerator + SelfCount(key, c));
                var denominator = Counts.Contains(key) ? 1 : own[key].Denominator + children.Sum(c => Stored(c.Id, key).Denominator);
                var actual = Stored(unit.Id, key);
                if (actual.Numerator != numerator || actual.Denominator != denominator)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{unit.Code} (id {unit.Id}): {key} = {actual.Numerator}/{actual.Denominator}, own + children = {numerator}/{denominator}"));
                }
            }
        }

        Assert.True(problems.Count == 0, $"seed {seed}: {problems.Count} problem(s)\n{string.Join('\n', problems.Take(25))}");
    }

    [Fact]
    public void Generator_ReachesTheCasesTheOracleIsMeantToCheck()
    {
        // Guards the property tests against a generator that quietly stops producing the hard cases.
        var all = Seeds.Select(s => (int)s.Data).Select(seed =>
        {
            var facts = RandomProvince.Generate(seed);
            return (Facts: facts, Rows: AggregateCalculator.Compute(facts));
        }).ToList();
        var rows = all.SelectMany(x => x.Rows).ToList();

        Assert.Contains(rows, r => r.Key == MetricKeys.SurveyIndex && r.Suppressed);
        Assert.Contains(rows, r => r.Key == MetricKeys.SurveyIndex && !r.Suppressed);
        Assert.Contains(rows, r => r.Key == MetricKeys.Regularity && r.Numerator > 0 && r.Numerator < r.Denominator);
        Assert.Contains(rows, r => r.Key == MetricKeys.QualityShare && r.Numerator > 0 && r.Numerator < r.Denominator);
        Assert.Contains(rows, r => r.Key.StartsWith(MetricKeys.PracticeCoveragePrefix, StringComparison.Ordinal) && r.Numerator > 0 && r.Numerator < r.Denominator);
        Assert.Contains(rows, r => r.Key == MetricKeys.SmallCells && r.Numerator > 0);
        Assert.Contains(all, x => x.Facts.Tree.All.Any(n => n.Kind == UnitKind.PartialCommittee));
        Assert.Contains(all, x => x.Facts.Rolls.Any(r => x.Facts.Tree.Find(r.UnitId) is null));
        Assert.Contains(all, x => x.Facts.Meetings.Any(m => !x.Facts.Tree.Quarter.Contains(m.Date)));
        Assert.Contains(all, x => x.Facts.Adoptions.Any(a => a.EndedOn == x.Facts.Tree.Quarter.End));
        Assert.Contains(all, x => x.Facts.Tree.All.Any(n => n.Kind.HoldsMeetings() && x.Rows.All(r => r.UnitId != n.Id || r.Key != MetricKeys.AttendanceRate)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(199)]
    public void Compute_Twice_GivesIdenticalRowLists(int seed)
    {
        var facts = RandomProvince.Generate(seed);

        var first = AggregateCalculator.Compute(facts).Select(Describe).ToList();
        var second = AggregateCalculator.Compute(facts).Select(Describe).ToList();

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Compute_Twice_GivesIdenticalRowLists_ForTheHandWorkedProvince()
    {
        var facts = SmallProvince.Build().Build(SmallProvince.Q4);

        Assert.Equal(AggregateCalculator.Compute(facts).Select(Describe), AggregateCalculator.Compute(facts).Select(Describe));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(150)]
    public void Compute_TheSameFactsInAnotherOrder_GivesIdenticalRowLists(int seed)
    {
        // The loader reads facts without an ORDER BY, so their order must not matter.
        var facts = RandomProvince.Generate(seed);
        var rng = new Random(seed);
        var shuffled = new QuarterFacts(
            new OrgTree(facts.Tree.Quarter, facts.Tree.All.OrderBy(_ => rng.Next()).ToList()),
            facts.Rolls.OrderBy(_ => rng.Next()).ToList(),
            facts.Meetings.OrderBy(_ => rng.Next()).ToList(),
            facts.Responses.OrderBy(_ => rng.Next()).ToList(),
            facts.Practices,
            facts.Adoptions.OrderBy(_ => rng.Next()).ToList());

        Assert.Equal(AggregateCalculator.Compute(facts).Select(Describe), AggregateCalculator.Compute(shuffled).Select(Describe));
    }

    private static (int QuarterKey, int UnitId, string Key, double Numerator, double Denominator, bool Suppressed) Describe(MetricValue r) =>
        (r.QuarterKey, r.UnitId, r.Key, r.Numerator, r.Denominator, r.Suppressed);

    /// <summary>What a child adds to its parent's structure count beyond its own stored count: itself, if it is of that kind.</summary>
    private static int SelfCount(string key, OrgNode child) => key switch
    {
        MetricKeys.UpperCommittees => child.Kind == UnitKind.UpperCommittee ? 1 : 0,
        MetricKeys.GrassrootsCommittees => child.Kind == UnitKind.GrassrootsCommittee ? 1 : 0,
        MetricKeys.GrassrootsCells => child.Kind == UnitKind.GrassrootsCell ? 1 : 0,
        MetricKeys.SubordinateCells => child.Kind == UnitKind.Cell ? 1 : 0,
        _ => 0,
    };

    /// <summary>
    /// The metric definitions applied literally to a set of units: plain counts and sums over the raw
    /// facts whose unit is in the set. Every key is returned, those with a 0 denominator included.
    /// </summary>
    private static class Oracle
    {
        public static Dictionary<string, Expected> Compute(QuarterFacts facts, int unitId, IReadOnlyList<OrgNode> units)
        {
            var quarter = facts.Tree.Quarter;
            var ids = units.Select(n => n.Id).ToHashSet();
            var result = new Dictionary<string, Expected>(StringComparer.Ordinal);
            void Put(string key, double numerator, double denominator, bool suppressed = false) =>
                result.Add(key, new Expected(numerator, denominator, suppressed));

            // Structure: descendants of each kind, the unit itself left out.
            int Descendants(UnitKind kind) => units.Count(n => n.Id != unitId && n.Kind == kind);
            Put(MetricKeys.UpperCommittees, Descendants(UnitKind.UpperCommittee), 1);
            Put(MetricKeys.GrassrootsCommittees, Descendants(UnitKind.GrassrootsCommittee), 1);
            Put(MetricKeys.GrassrootsCells, Descendants(UnitKind.GrassrootsCell), 1);
            Put(MetricKeys.SubordinateCells, Descendants(UnitKind.Cell), 1);

            // Cells of the set, the unit itself included; a cell's members are the sum of its roll rows
            // (none on the roll reads as 0 members, so such a cell is small).
            var cells = units.Where(n => n.Kind is UnitKind.Cell or UnitKind.GrassrootsCell).ToList();
            Put(MetricKeys.SmallCells, cells.Count(c => facts.Rolls.Where(r => r.UnitId == c.Id).Sum(r => r.Members) < 10), 1);

            var rolls = facts.Rolls.Where(r => ids.Contains(r.UnitId)).ToList();
            var members = rolls.Sum(r => r.Members);
            var exempt = rolls.Sum(r => r.Exempt);
            Put(MetricKeys.MembersTotal, members, 1);
            Put(MetricKeys.MembersExempt, exempt, 1);
            Put(MetricKeys.MembersEligible, members - exempt, 1);

            var meetings = facts.Meetings.Where(m => ids.Contains(m.UnitId) && m.Date >= quarter.Start && m.Date <= quarter.End).ToList();
            var regular = meetings.Where(m => m.Kind is MeetingKind.Regular or MeetingKind.Combined).ToList();
            var months = new[] { quarter.Start, quarter.Start.AddMonths(1), quarter.Start.AddMonths(2) };
            Put(MetricKeys.Regularity, cells.Count(c => months.All(month => regular.Any(m => m.UnitId == c.Id && m.Date.Year == month.Year && m.Date.Month == month.Month))), cells.Count);
            Put(MetricKeys.ThematicCoverage, cells.Count(c => meetings.Any(m => m.UnitId == c.Id && m.Kind is MeetingKind.Thematic or MeetingKind.Combined)), cells.Count);
            Put(MetricKeys.AttendanceRate, regular.Sum(m => m.Present), regular.Sum(m => m.Expected));
            Put(MetricKeys.QualityShare, regular.Count(m => 100 * m.Present > 85 * m.Expected && m.AbsentWithoutReason == 0), regular.Count);
            Put(MetricKeys.DurationCompliance, meetings.Count(m => m.DurationMinutes >= (m.Kind == MeetingKind.Combined ? 120 : 90)), meetings.Count);
            Put(MetricKeys.DocumentsAhead, meetings.Count(m => m.DocumentsAhead), meetings.Count);
            Put(MetricKeys.UpperLevelPresence, meetings.Count(m => m.UpperLevelAttended), meetings.Count);

            var scores = meetings.Where(m => m.Score is not null).Select(m => m.Score!.Value).ToList();
            Put(MetricKeys.GradeTot, scores.Count(s => s >= 90), scores.Count);
            Put(MetricKeys.GradeKha, scores.Count(s => s is >= 70 and < 90), scores.Count);
            Put(MetricKeys.GradeTrungBinh, scores.Count(s => s is >= 50 and < 70), scores.Count);
            Put(MetricKeys.GradeKem, scores.Count(s => s < 50), scores.Count);

            var responses = facts.Responses.Where(r => ids.Contains(r.UnitId)).ToList();
            Put(MetricKeys.SurveyResponses, responses.Count, 1);
            Put(MetricKeys.SurveyResponseRate, responses.Count, members - exempt);
            var suppressed = responses.Count < 5;
            var shares = new List<double>();
            for (var q = 1; q <= 11; q++)
            {
                var question = q;
                var counted = responses.Select(r => r.Answers[question - 1]).Where(a => Counts(question, a)).ToList();
                var favourable = counted.Count(a => Favourable(question, a!.Value));
                Put(MetricKeys.SurveyFavourable(q), favourable, counted.Count, suppressed);
                if (counted.Count > 0)
                {
                    shares.Add(100.0 * favourable / counted.Count);
                }
            }

            Put(MetricKeys.SurveyIndex, shares.Sum(), shares.Count, suppressed);

            foreach (var practice in facts.Practices)
            {
                var targets = units.Where(n => IsTarget(practice.Target, n)).ToList();
                var adopted = targets.Count(n => facts.Adoptions.Any(a =>
                    a.PracticeId == practice.Id && a.UnitId == n.Id
                    && a.Stage is AdoptionStage.Adopted or AdoptionStage.Replicated
                    && a.StartedOn <= quarter.End
                    && (a.EndedOn is null || a.EndedOn > quarter.End)));
                Put(MetricKeys.PracticeCoverage(practice.Code), adopted, targets.Count);
            }

            return result;
        }

        /// <summary>Answered, not "Không rõ" (0), and for q10 not "not held" (3).</summary>
        private static bool Counts(int question, byte? answer) =>
            answer is not null and not 0 && !(question == 10 && answer == 3);

        /// <summary>Yes (1) on questions 1, 3, 5 and 10; 4 or 5 on the others.</summary>
        private static bool Favourable(int question, byte answer) =>
            question is 1 or 3 or 5 or 10 ? answer == 1 : answer >= 4;

        private static bool IsTarget(PracticeTarget target, OrgNode unit) => target switch
        {
            PracticeTarget.UpperCommittees => unit.Kind == UnitKind.UpperCommittee,
            PracticeTarget.GrassrootsOrganisations => unit.Kind is UnitKind.GrassrootsCommittee or UnitKind.GrassrootsCell,
            PracticeTarget.CommuneCommittees => unit.Kind == UnitKind.GrassrootsCommittee && unit.Sector is UnitSector.Commune or UnitSector.Ward or UnitSector.Township,
            PracticeTarget.Cells => unit.Kind is UnitKind.Cell or UnitKind.GrassrootsCell,
            _ => false,
        };
    }

    private sealed record Expected(double Numerator, double Denominator, bool Suppressed);
}
