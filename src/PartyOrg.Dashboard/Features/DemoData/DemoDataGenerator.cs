using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Practices;
using PartyOrg.Dashboard.Features.Surveys;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.DemoData;

/// <summary>Every row of the demo data set, ids assigned, in memory.</summary>
internal sealed class DemoDataSet
{
    public required FactSource Source { get; init; }

    public required List<OrgUnit> Units { get; init; }

    public required List<OrgUnitVersion> Versions { get; init; }

    public required List<LineageEvent> Lineage { get; init; }

    public required List<MembershipSnapshot> Memberships { get; init; }

    public required List<Meeting> Meetings { get; init; }

    public required List<MeetingAttendance> Attendance { get; init; }

    public required List<SurveyRound> Rounds { get; init; }

    public required List<SurveyResponse> Responses { get; init; }

    public required List<Practice> Practices { get; init; }

    public required List<Adoption> Adoptions { get; init; }
}

/// <summary>Generates the demo data set: the same rows for the same scale and day, on every machine.</summary>
internal static class DemoDataGenerator
{
    public const string SourceLabel = "Dữ liệu minh họa (seed-demo)";

    public static readonly Quarter FirstQuarter = new(2021, 1);

    public static DemoDataSet Generate(int scale, DateOnly today, DateTimeOffset createdAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        var lastQuarter = Quarter.LastClosed(today);
        if (lastQuarter < FirstQuarter)
        {
            throw new InvalidOperationException($"The demo data start in {FirstQuarter}; today ({today:yyyy-MM-dd}) has no closed quarter since.");
        }

        const int sourceId = 1;
        var source = new FactSource { Id = sourceId, Kind = FactSourceKind.Seed, Label = SourceLabel, CreatedAt = createdAt };
        var quarters = Quarter.Range(FirstQuarter, lastQuarter).ToList();
        var tree = DemoTreeBuilder.Build(scale, today);

        var units = tree.Units.Select(u => new OrgUnit { Id = u.Id, Code = u.Code, ValidFrom = u.ValidFrom, ValidTo = u.ValidTo, SourceId = sourceId }).ToList();
        var versions = new List<OrgUnitVersion>(tree.Units.Count * 2);
        foreach (var unit in tree.Units)
        {
            foreach (var period in unit.Periods)
            {
                versions.Add(new OrgUnitVersion
                {
                    Id = versions.Count + 1,
                    UnitId = unit.Id,
                    Name = period.Name,
                    ShortName = period.ShortName,
                    Kind = period.Kind,
                    Sector = period.Sector,
                    ParentId = period.Parent?.Id,
                    ValidFrom = period.From,
                    ValidTo = period.To,
                    SourceId = sourceId,
                });
            }
        }

        var (memberships, rolls) = DemoMembershipGenerator.Generate(tree, quarters, scale, sourceId);
        var (meetings, attendance, thematicHeld) = DemoMeetingGenerator.Generate(tree, quarters, rolls, sourceId);
        var (rounds, responses) = DemoSurveyGenerator.Generate(tree, quarters, rolls, thematicHeld, sourceId);
        var (practices, adoptions) = DemoPracticeGenerator.Generate(tree, today, sourceId);
        return new DemoDataSet
        {
            Source = source,
            Units = units,
            Versions = versions,
            Lineage = tree.Lineage,
            Memberships = memberships,
            Meetings = meetings,
            Attendance = attendance,
            Rounds = rounds,
            Responses = responses,
            Practices = practices,
            Adoptions = adoptions,
        };
    }
}
