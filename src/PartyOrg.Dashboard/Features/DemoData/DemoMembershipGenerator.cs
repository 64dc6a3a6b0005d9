using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.DemoData;

/// <summary>
/// Quarterly rolls of every cell and grassroots cell. 2021-Q1 … 2024-Q4 hold the article's totals
/// exactly (members move between cells, the sums stay); from 2025 members are admitted and die.
/// </summary>
internal static class DemoMembershipGenerator
{
    /// <summary>The last quarter whose totals must equal the article's.</summary>
    public static readonly Quarter LastArticleQuarter = new(2024, 4);

    /// <returns>Snapshots in id order, and per holder (index as in <see cref="DemoTree.Holders"/>) its snapshot of each quarter.</returns>
    public static (List<MembershipSnapshot> Rows, MembershipSnapshot[][] ByHolder) Generate(
        DemoTree tree, IReadOnlyList<Quarter> quarters, int scale, int sourceId)
    {
        var random = DemoRandom.For(2);
        var holders = tree.Holders;
        var count = holders.Count;
        var members = new int[count];
        var exempt = new int[count];
        var min = new int[count];
        var max = new int[count];
        var exemptShare = new double[count];
        var women = new double[count];
        var ethnic = new double[count];
        var probationary = new double[count];

        for (var h = 0; h < count; h++)
        {
            var unit = holders[h];
            var (lo, hi, share, womenLo, womenHi) = unit.Role switch
            {
                CellRole.Hamlet => (14, 34, 0.16 + random.NextDouble() * 0.16, 0.18, 0.30),
                CellRole.CommuneAgency => (12, 24, 0.03, 0.28, 0.40),
                CellRole.CommuneSchool => (10, 18, 0.0, 0.55, 0.70),
                CellRole.CommuneArmed => (10, 15, 0.0, 0.03, 0.08),
                CellRole.PublicService => (8, 26, 0.03, 0.45, 0.65),
                CellRole.Enterprise => (8, 18, 0.02, 0.25, 0.40),
                CellRole.Armed => (12, 28, 0.0, 0.05, 0.12),
                _ => (8, 24, 0.04, 0.35, 0.50),
            };
            if (unit.Tiny)
            {
                (lo, hi, share) = (5, 9, 0.0);
            }

            min[h] = unit.Tiny ? 5 : 10;
            max[h] = unit.Tiny ? 9 : hi + 8;
            members[h] = Math.Max(min[h], random.Between(lo, hi));
            exemptShare[h] = share;
            exempt[h] = (int)Math.Round(members[h] * share);
            women[h] = womenLo + random.NextDouble() * (womenHi - womenLo);
            var khmer = unit.District?.KhmerShare ?? 0.08;
            ethnic[h] = unit.Role == CellRole.Hamlet
                ? DemoRandom.Clamp01(khmer * (0.4 + 1.2 * random.NextDouble()))
                : DemoRandom.Clamp01(khmer * 0.6 + random.NextDouble() * 0.06);
            probationary[h] = 0.01 + random.NextDouble() * 0.05;
        }

        int MaxExempt(int h) => exemptShare[h] == 0 ? 0 : Math.Min(members[h] - 6, (int)(members[h] * 0.45));

        Calibrate(random, members, TraVinhCatalogue.Members * scale, h => !holders[h].Tiny && members[h] < max[h], h => !holders[h].Tiny && members[h] > min[h] && members[h] - 1 - exempt[h] >= 6);
        for (var h = 0; h < count; h++)
        {
            exempt[h] = Math.Min(exempt[h], Math.Max(0, MaxExempt(h)));
        }

        Calibrate(random, exempt, TraVinhCatalogue.Exempt * scale, h => exempt[h] < MaxExempt(h), h => exempt[h] > 0 && exemptShare[h] > 0);

        var rows = new List<MembershipSnapshot>(count * quarters.Count);
        var byHolder = new MembershipSnapshot[count][];
        for (var h = 0; h < count; h++)
        {
            byHolder[h] = new MembershipSnapshot[quarters.Count];
        }

        for (var qi = 0; qi < quarters.Count; qi++)
        {
            var quarter = quarters[qi];
            if (qi > 0 && quarter <= LastArticleQuarter)
            {
                Transfer(random, holders, members, exempt, min, max, exemptShare, scale);
            }
            else if (quarter > LastArticleQuarter)
            {
                Drift(random, holders, members, exempt, max, exemptShare);
            }

            for (var h = 0; h < count; h++)
            {
                var m = members[h];
                var snapshot = new MembershipSnapshot
                {
                    Id = rows.Count + 1,
                    UnitId = holders[h].Id,
                    QuarterKey = quarter.Key,
                    Members = m,
                    Exempt = exempt[h],
                    Probationary = Math.Clamp((int)Math.Round(m * probationary[h] + random.Noise(0.6)), 0, m - exempt[h]),
                    Women = (int)Math.Round(m * women[h]),
                    EthnicMinority = (int)Math.Round(m * ethnic[h]),
                    SourceId = sourceId,
                };
                rows.Add(snapshot);
                byHolder[h][qi] = snapshot;
            }
        }

        return (rows, byHolder);
    }

    /// <summary>Adds or removes one at a time on randomly drawn units until the sum is the target.</summary>
    private static void Calibrate(Random random, int[] values, int target, Func<int, bool> canGrow, Func<int, bool> canShrink)
    {
        var sum = values.Sum();
        var guard = 0;
        while (sum != target)
        {
            if (++guard > 50_000_000)
            {
                throw new InvalidOperationException("The demo roll cannot reach the article's totals.");
            }

            var i = random.Next(values.Length);
            if (sum < target && canGrow(i))
            {
                values[i]++;
                sum++;
            }
            else if (sum > target && canShrink(i))
            {
                values[i]--;
                sum--;
            }
        }
    }

    /// <summary>Members transfer between cells (chuyển sinh hoạt đảng); the province's totals do not change.</summary>
    private static void Transfer(Random random, List<DemoUnit> holders, int[] members, int[] exempt, int[] min, int[] max, double[] exemptShare, int scale)
    {
        for (var i = 0; i < 30 * scale; i++)
        {
            int from = random.Next(holders.Count), to = random.Next(holders.Count);
            if (from == to || holders[from].Tiny || holders[to].Tiny)
            {
                continue;
            }

            if (members[from] - 1 >= min[from] && members[from] - 1 - exempt[from] >= 6 && members[to] + 1 <= max[to])
            {
                members[from]--;
                members[to]++;
            }
        }

        for (var i = 0; i < 10 * scale; i++)
        {
            int from = random.Next(holders.Count), to = random.Next(holders.Count);
            if (from != to && exempt[from] > 0 && exemptShare[to] > 0 && members[to] - exempt[to] - 1 >= 6 && exempt[to] + 1 <= members[to] * 0.45)
            {
                exempt[from]--;
                exempt[to]++;
            }
        }
    }

    /// <summary>From 2025: admissions, deaths (mostly exempt elders) and members reaching exemption.</summary>
    private static void Drift(Random random, List<DemoUnit> holders, int[] members, int[] exempt, int[] max, double[] exemptShare)
    {
        for (var h = 0; h < holders.Count; h++)
        {
            if (holders[h].Tiny)
            {
                continue;
            }

            if (random.Chance(0.09) && members[h] < max[h] + 6)
            {
                members[h]++;
            }

            if (exempt[h] > 0 && random.Chance(holders[h].Role == CellRole.Hamlet ? 0.06 : 0.01))
            {
                members[h]--;
                exempt[h]--;
            }

            if (exemptShare[h] > 0 && random.Chance(0.03) && members[h] - exempt[h] - 1 >= 6)
            {
                exempt[h]++;
            }
        }
    }
}
