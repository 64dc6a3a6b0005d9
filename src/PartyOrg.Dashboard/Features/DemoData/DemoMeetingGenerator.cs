using System.Globalization;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.DemoData;

/// <summary>How good a unit's meetings are at a date: its own level, the province's improving trend, the 2021 wave.</summary>
internal static class DemoQuality
{
    private static readonly DateOnly Start = new(2021, 1, 1);

    /// <summary>The fourth COVID-19 wave: social distancing in Trà Vinh from late July 2021.</summary>
    public static readonly DateOnly WaveStart = new(2021, 7, 19);

    public static readonly DateOnly WaveEnd = new(2021, 10, 31);

    public static double At(DemoUnit unit, DateOnly date)
    {
        var years = (date.DayNumber - Start.DayNumber) / 365.25;
        var q = unit.Quality + (unit.Struggling ? -0.03 : 0.035) * years;
        if (date >= new DateOnly(2021, 7, 1) && date <= WaveEnd)
        {
            q -= unit.InCovidZone ? 0.12 : 0.05;
        }

        return Math.Clamp(q, 0.05, 0.99);
    }

    public static bool InWave(DateOnly date) => date >= WaveStart && date <= WaveEnd;
}

/// <summary>
/// Monthly regular meetings and a quarterly thematic one (sometimes combined) for every cell and
/// grassroots cell, with the attendance fields of HD 12 and HD 42; per-member attendance for the
/// pilot cell of Chợ Dưới only.
/// </summary>
internal static class DemoMeetingGenerator
{
    public static (List<Meeting> Meetings, List<MeetingAttendance> Attendance, bool[][] ThematicHeld) Generate(
        DemoTree tree, IReadOnlyList<Quarter> quarters, MembershipSnapshot[][] rolls, int sourceId)
    {
        var random = DemoRandom.For(3);
        var meetings = new List<Meeting>(tree.Holders.Count * quarters.Count * 4);
        var attendance = new List<MeetingAttendance>();
        var thematicHeld = new bool[tree.Holders.Count][];
        for (var h = 0; h < tree.Holders.Count; h++)
        {
            var unit = tree.Holders[h];
            thematicHeld[h] = new bool[quarters.Count];
            for (var qi = 0; qi < quarters.Count; qi++)
            {
                var quarter = quarters[qi];
                var roll = rolls[h][qi];
                var zoneWave = unit.InCovidZone && quarter == new Quarter(2021, 3);
                var held = !random.Chance(unit.Struggling ? 0.3 : zoneWave ? 0.15 : 0.04);
                var thematicMonth = random.Next(3);
                var combined = held && random.Chance(0.3);
                thematicHeld[h][qi] = held;
                for (var month = 0; month < 3; month++)
                {
                    var first = quarter.Start.AddMonths(month);
                    var regularDate = first.AddDays(random.Between(1, 9));
                    var missed = random.Chance(unit.Struggling ? 0.08 : DemoQuality.InWave(regularDate) && unit.InCovidZone ? 0.05 : 0.01);
                    if (combined && month == thematicMonth)
                    {
                        meetings.Add(Create(random, unit, roll, regularDate, MeetingKind.Combined, meetings.Count + 1, sourceId));
                        continue;
                    }

                    if (!missed)
                    {
                        meetings.Add(Create(random, unit, roll, regularDate, MeetingKind.Regular, meetings.Count + 1, sourceId));
                    }

                    if (held && month == thematicMonth)
                    {
                        meetings.Add(Create(random, unit, roll, first.AddDays(random.Between(12, 25)), MeetingKind.Thematic, meetings.Count + 1, sourceId));
                    }
                }
            }

            if (unit == tree.PilotCell)
            {
                AddRollCall(random, meetings.Where(m => m.UnitId == unit.Id), rolls[h], quarters, attendance, sourceId);
            }
        }

        return (meetings, attendance, thematicHeld);
    }

    private static Meeting Create(Random random, DemoUnit unit, MembershipSnapshot roll, DateOnly date, MeetingKind kind, int id, int sourceId)
    {
        var q = DemoQuality.At(unit, date);
        var mode = ModeOf(random, unit, date);
        var eligible = roll.Members - roll.Exempt;
        var rate = Math.Clamp(0.70 + 0.27 * q + random.Noise(0.03) - (mode == MeetingMode.Online ? 0.03 : 0), 0.35, 1.0);
        var presentEligible = random.Binomial(eligible, rate);
        var exemptAttended = roll.Exempt == 0 || mode == MeetingMode.Online
            ? 0
            : Math.Min(roll.Exempt, random.NextDouble() switch { < 0.55 => 0, < 0.85 => 1, _ => 2 });
        var absent = eligible - presentEligible;
        var withoutReason = random.Binomial(absent, Math.Clamp(0.05 + 0.35 * (1 - q), 0, 0.6));
        var present = presentEligible + exemptAttended;

        var minutes = kind switch
        {
            MeetingKind.Regular => 88 + 35 * q,
            MeetingKind.Thematic => 105 + 35 * q,
            _ => 118 + 32 * q,
        };
        minutes += mode switch
        {
            MeetingMode.Online => -20,
            MeetingMode.Cluster => -15,
            MeetingMode.PartyGroups => -10,
            _ => 0,
        };
        minutes += random.Noise(12) - (unit.Struggling ? 20 : 0);
        var duration = Math.Clamp((int)Math.Round(minutes / 5) * 5, 45, 180);

        var upperChance = (unit.Role == CellRole.Hamlet ? 0.2 + (date.Year >= 2022 ? 0.15 : 0.05) : 0.08) + (kind == MeetingKind.Regular ? 0 : 0.1);
        return new Meeting
        {
            Id = id,
            UnitId = unit.Id,
            Date = date,
            Kind = kind,
            Mode = mode,
            DurationMinutes = duration,
            DocumentsAhead = random.Chance(0.6 + 0.38 * q),
            UpperLevelAttended = random.Chance(upperChance),
            Expected = eligible + exemptAttended,
            Present = present,
            AbsentWithReason = absent - withoutReason,
            AbsentWithoutReason = withoutReason,
            ExemptAttended = exemptAttended,
            Speakers = present == 0 ? 0 : Math.Clamp((int)Math.Round(present * (0.15 + 0.4 * q) + random.Noise(1.5)), 1, present),
            Score = random.Chance(0.7) ? Math.Clamp((int)Math.Round(50 + 45 * q + random.Noise(6)), 20, 100) : null,
            SourceId = sourceId,
        };
    }

    /// <summary>Online, cluster and party-group meetings in the 2021 wave (models 5 and 10), in person otherwise.</summary>
    private static MeetingMode ModeOf(Random random, DemoUnit unit, DateOnly date)
    {
        if (unit.Role is CellRole.Armed or CellRole.CommuneArmed)
        {
            return MeetingMode.InPerson;
        }

        var inWave = DemoQuality.InWave(date) && (date.Month < 10 || random.Chance(0.35));
        if (!inWave)
        {
            return unit.Role == CellRole.Hamlet && date.Year == 2021 && random.Chance(0.02) ? MeetingMode.PartyGroups : MeetingMode.InPerson;
        }

        var r = random.NextDouble();
        if (!unit.InCovidZone)
        {
            return r < 0.85 ? MeetingMode.InPerson : r < 0.95 ? MeetingMode.Cluster : MeetingMode.PartyGroups;
        }

        return unit.Role is CellRole.Hamlet or CellRole.CommuneAgency or CellRole.CommuneSchool
            ? r switch { < 0.45 => MeetingMode.Cluster, < 0.8 => MeetingMode.PartyGroups, < 0.9 => MeetingMode.Online, _ => MeetingMode.InPerson }
            : r switch { < 0.7 => MeetingMode.Online, < 0.85 => MeetingMode.PartyGroups, _ => MeetingMode.InPerson };
    }

    /// <summary>Per-member attendance under pseudonymous codes (DV-000101 …); the last codes of the roll are the exempt elders.</summary>
    private static void AddRollCall(Random random, IEnumerable<Meeting> meetings, MembershipSnapshot[] rolls, IReadOnlyList<Quarter> quarters, List<MeetingAttendance> rows, int sourceId)
    {
        static string Code(int n) => "DV-" + (100 + n).ToString("000000", CultureInfo.InvariantCulture);
        foreach (var meeting in meetings.ToList())
        {
            var roll = rolls[IndexOf(quarters, meeting.Date)];
            var eligible = Enumerable.Range(1, roll.Members - roll.Exempt).Select(Code).ToList();
            // Shuffle deterministically, then hand out the statuses in the meeting's proportions.
            for (var i = eligible.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (eligible[i], eligible[j]) = (eligible[j], eligible[i]);
            }

            var present = meeting.Present - meeting.ExemptAttended;
            for (var i = 0; i < eligible.Count; i++)
            {
                var status = i < present ? AttendanceStatus.Present
                    : i < present + meeting.AbsentWithReason ? AttendanceStatus.AbsentWithReason
                    : AttendanceStatus.AbsentWithoutReason;
                rows.Add(new MeetingAttendance { Id = rows.Count + 1, MeetingId = meeting.Id, MemberCode = eligible[i], Status = status, SourceId = sourceId });
            }

            for (var i = 0; i < meeting.ExemptAttended; i++)
            {
                var code = Code(roll.Members - i);
                rows.Add(new MeetingAttendance { Id = rows.Count + 1, MeetingId = meeting.Id, MemberCode = code, Status = AttendanceStatus.Present, SourceId = sourceId });
            }
        }
    }

    private static int IndexOf(IReadOnlyList<Quarter> quarters, DateOnly date)
    {
        var quarter = Quarter.Containing(date);
        for (var i = 0; i < quarters.Count; i++)
        {
            if (quarters[i] == quarter)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(date), date, "The meeting falls outside the generated quarters.");
    }
}
