using System.Globalization;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Practices;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Tests.Aggregates.Builders;

/// <summary>
/// Random small provinces for property tests: one seed, one province. The tree has upper committees,
/// grassroots committees with cells and partial committees (with cells and the odd party group),
/// grassroots cells, and now and then a grassroots organisation directly under the province. Facts
/// are drawn around the edges of the definitions (months, 85 %, 90/120 minutes, grade boundaries,
/// "Không rõ", "not held", 4 and 5 responses, adoptions that end on or start after quarter end) and
/// some belong to units that are not in the tree at all.
/// </summary>
internal static class RandomProvince
{
    private static readonly UnitSector[] GrassrootsSectors =
    [
        UnitSector.Commune, UnitSector.Ward, UnitSector.Township, UnitSector.Agency,
        UnitSector.PublicService, UnitSector.Enterprise, UnitSector.ArmedForces,
    ];

    private static readonly int[] Durations = [30, 60, 89, 90, 91, 100, 119, 120, 121, 150];
    private static readonly int[] Scores = [0, 35, 49, 50, 51, 69, 70, 71, 89, 90, 91, 100];

    public static QuarterFacts Generate(int seed)
    {
        var rng = new Random(seed);
        var quarter = new Quarter(2023 + rng.Next(3), 1 + rng.Next(4));
        var nodes = new List<OrgNode>();
        var usedIds = new HashSet<int>();

        // Ids are drawn at random so that nothing can depend on ids following the tree's order.
        int NewId()
        {
            int id;
            do
            {
                id = rng.Next(1, 100_000);
            }
            while (!usedIds.Add(id));
            return id;
        }

        OrgNode Add(UnitKind kind, OrgNode? parent, UnitSector sector)
        {
            var siblings = nodes.Count(n => n.ParentId == parent?.Id);
            var code = parent is null ? "TV" : string.Create(CultureInfo.InvariantCulture, $"{parent.Code}.{siblings + 1:00}");
            var node = new OrgNode(NewId(), code, code, code, kind, sector, parent?.Id, parent?.Code);
            nodes.Add(node);
            return node;
        }

        UnitSector AnySector() => GrassrootsSectors[rng.Next(GrassrootsSectors.Length)];

        void AddGrassrootsCommittee(OrgNode parent)
        {
            var committee = Add(UnitKind.GrassrootsCommittee, parent, AnySector());
            for (var c = rng.Next(0, 5); c > 0; c--)
            {
                Add(UnitKind.Cell, committee, UnitSector.Hamlet);
            }

            if (rng.Next(3) == 0)
            {
                var partial = Add(UnitKind.PartialCommittee, committee, committee.Sector);
                for (var c = rng.Next(0, 4); c > 0; c--)
                {
                    var cell = Add(UnitKind.Cell, partial, UnitSector.Hamlet);
                    if (rng.Next(5) == 0)
                    {
                        Add(UnitKind.PartyGroup, cell, UnitSector.Hamlet);
                    }
                }
            }
        }

        var province = Add(UnitKind.Province, null, UnitSector.None);
        for (var u = rng.Next(1, 4); u > 0; u--)
        {
            var upper = Add(UnitKind.UpperCommittee, province, rng.Next(4) == 0 ? UnitSector.Bloc : UnitSector.District);
            for (var g = rng.Next(0, 4); g > 0; g--)
            {
                AddGrassrootsCommittee(upper);
            }

            for (var g = rng.Next(0, 3); g > 0; g--)
            {
                Add(UnitKind.GrassrootsCell, upper, AnySector());
            }
        }

        if (rng.Next(3) == 0)
        {
            AddGrassrootsCommittee(province);
        }

        if (rng.Next(3) == 0)
        {
            Add(UnitKind.GrassrootsCell, province, AnySector());
        }

        // Units that hold meetings, plus a few that are not in this quarter's tree (ended, or not yet begun).
        var absent = Enumerable.Range(0, rng.Next(0, 4)).Select(_ => NewId()).ToList();
        var holders = nodes.Where(n => n.Kind is UnitKind.Cell or UnitKind.GrassrootsCell).Select(n => n.Id).Concat(absent).ToList();

        var rolls = new List<RollFact>();
        var meetings = new List<MeetingFact>();
        var responses = new List<ResponseFact>();
        foreach (var unit in holders)
        {
            if (rng.Next(8) != 0)
            {
                var members = rng.Next(0, 31);
                rolls.Add(new RollFact(unit, members, rng.Next(0, Math.Min(members, 5) + 1)));
            }

            if (rng.Next(5) < 2)
            {
                // A diligent cell: a regular or combined meeting in every month, some days before or after.
                for (var month = 0; month < 3; month++)
                {
                    var date = quarter.Start.AddMonths(month).AddDays(rng.Next(0, 28));
                    meetings.Add(RandomMeeting(rng, unit, date, rng.Next(4) == 0 ? MeetingKind.Combined : MeetingKind.Regular));
                }
            }

            for (var m = rng.Next(0, 6); m > 0; m--)
            {
                var date = rng.Next(6) switch
                {
                    0 => quarter.Start.AddDays(-rng.Next(1, 40)),
                    1 => quarter.End.AddDays(rng.Next(1, 40)),
                    2 => rng.Next(2) == 0 ? quarter.Start : quarter.End,
                    _ => quarter.Start.AddDays(rng.Next(0, quarter.End.DayNumber - quarter.Start.DayNumber + 1)),
                };
                meetings.Add(RandomMeeting(rng, unit, date, (MeetingKind)rng.Next(1, 4)));
            }

            for (var r = rng.Next(0, 9); r > 0; r--)
            {
                responses.Add(new ResponseFact(unit, Enumerable.Range(1, 11).Select(q => RandomAnswer(rng, q)).ToArray()));
            }
        }

        var practices = Enumerable.Range(1, rng.Next(0, 4))
            .Select(p => new PracticeFact(900_000 + p, "P" + p.ToString(CultureInfo.InvariantCulture), (PracticeTarget)rng.Next(1, 5)))
            .ToList();
        var adoptions = new List<AdoptionFact>();
        var adopters = nodes.Select(n => n.Id).Concat(absent).ToList();
        foreach (var practice in practices)
        {
            foreach (var unit in adopters.Where(_ => rng.Next(3) == 0))
            {
                for (var a = rng.Next(1, 3); a > 0; a--)
                {
                    var started = rng.Next(5) == 0 ? quarter.End.AddDays(rng.Next(-1, 2)) : quarter.End.AddDays(rng.Next(-400, 60));
                    DateOnly? ended = rng.Next(3) switch
                    {
                        0 => null,
                        1 => quarter.End.AddDays(rng.Next(-1, 2)),
                        _ => started.AddDays(rng.Next(0, 500)),
                    };
                    adoptions.Add(new AdoptionFact(practice.Id, unit, (AdoptionStage)rng.Next(1, 6), started, ended));
                }
            }
        }

        return new QuarterFacts(new OrgTree(quarter, nodes), rolls, meetings, responses, practices, adoptions);
    }

    private static MeetingFact RandomMeeting(Random rng, int unit, DateOnly date, MeetingKind kind)
    {
        var expected = rng.Next(0, 25);
        var present = rng.Next(2) == 0 ? expected - rng.Next(0, Math.Min(expected, 4) + 1) : rng.Next(0, expected + 1);
        var absentWithoutReason = rng.Next(3) == 0 ? rng.Next(0, expected - present + 1) : 0;
        return new MeetingFact(
            unit,
            date,
            kind,
            rng.Next(2) == 0 ? Durations[rng.Next(Durations.Length)] : rng.Next(20, 200),
            rng.Next(2) == 0,
            rng.Next(3) == 0,
            expected,
            present,
            absentWithoutReason,
            rng.Next(3) == 0 ? null : rng.Next(2) == 0 ? Scores[rng.Next(Scores.Length)] : rng.Next(0, 101));
    }

    /// <summary>Null (unanswered) or a valid code of the question's scale, "Không rõ" (0) included.</summary>
    private static byte? RandomAnswer(Random rng, int question)
    {
        if (rng.Next(10) == 0)
        {
            return null;
        }

        var top = question switch
        {
            1 or 3 or 5 => 2,  // yes / no
            10 => 3,           // yes / no / not held
            _ => 5,            // 1–5
        };
        return (byte)rng.Next(0, top + 1);
    }
}
