using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Practices;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Tests.Aggregates.Builders;

/// <summary>
/// Builds <see cref="QuarterFacts"/> for one or more quarters from units with versions (as stored) and
/// raw facts. Rolls and survey responses belong to a quarter; meetings and adoptions carry their own
/// dates and are all handed to the calculator, which must pick what falls in the quarter.
/// </summary>
public sealed class FactsBuilder
{
    private static readonly DateOnly Beginning = new(2000, 1, 1);

    private readonly Dictionary<int, OrgUnit> _units = [];
    private readonly List<(int QuarterKey, RollFact Roll)> _rolls = [];
    private readonly List<MeetingFact> _meetings = [];
    private readonly List<(int QuarterKey, ResponseFact Response)> _responses = [];
    private readonly List<PracticeFact> _practices = [];
    private readonly List<AdoptionFact> _adoptions = [];

    /// <summary>Adds a unit with one version, valid from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public FactsBuilder Unit(int id, string code, UnitKind kind, int? parentId, UnitSector sector = UnitSector.None, DateOnly? from = null, DateOnly? to = null)
    {
        var start = from ?? Beginning;
        _units.Add(id, new OrgUnit
        {
            Id = id,
            Code = code,
            ValidFrom = start,
            ValidTo = to,
            Versions =
            [
                new OrgUnitVersion { UnitId = id, Name = code, ShortName = code, Kind = kind, Sector = sector, ParentId = parentId, ValidFrom = start, ValidTo = to },
            ],
        });
        return this;
    }

    /// <summary>Moves a unit under another parent from <paramref name="on"/>: closes its current version and opens a new one.</summary>
    public FactsBuilder Move(int id, int newParentId, DateOnly on)
    {
        var unit = _units[id];
        var current = unit.Versions.Single(v => v.ValidTo is null || v.ValidTo == unit.ValidTo);
        var next = new OrgUnitVersion
        {
            UnitId = id,
            Name = current.Name,
            ShortName = current.ShortName,
            Kind = current.Kind,
            Sector = current.Sector,
            ParentId = newParentId,
            ValidFrom = on,
            ValidTo = current.ValidTo,
        };
        current.ValidTo = on;
        unit.Versions.Add(next);
        return this;
    }

    public FactsBuilder Roll(Quarter quarter, int unitId, int members, int exempt = 0)
    {
        _rolls.Add((quarter.Key, new RollFact(unitId, members, exempt)));
        return this;
    }

    public FactsBuilder Meeting(
        int unitId,
        DateOnly date,
        MeetingKind kind = MeetingKind.Regular,
        int duration = 90,
        bool documentsAhead = false,
        bool upperLevel = false,
        int expected = 10,
        int present = 10,
        int absentWithoutReason = 0,
        int? score = null)
    {
        _meetings.Add(new MeetingFact(unitId, date, kind, duration, documentsAhead, upperLevel, expected, present, absentWithoutReason, score));
        return this;
    }

    /// <summary>One survey response: the answers to questions 1–11 in order.</summary>
    public FactsBuilder Response(Quarter quarter, int unitId, params byte?[] answers)
    {
        if (answers.Length != 11)
        {
            throw new ArgumentException("A response answers 11 questions.", nameof(answers));
        }

        _responses.Add((quarter.Key, new ResponseFact(unitId, answers)));
        return this;
    }

    /// <summary>The same response <paramref name="count"/> times.</summary>
    public FactsBuilder Responses(Quarter quarter, int unitId, int count, params byte?[] answers)
    {
        for (var i = 0; i < count; i++)
        {
            Response(quarter, unitId, answers);
        }

        return this;
    }

    public FactsBuilder Practice(int id, string code, PracticeTarget target)
    {
        _practices.Add(new PracticeFact(id, code, target));
        return this;
    }

    public FactsBuilder Adoption(int practiceId, int unitId, AdoptionStage stage, DateOnly startedOn, DateOnly? endedOn = null)
    {
        _adoptions.Add(new AdoptionFact(practiceId, unitId, stage, startedOn, endedOn));
        return this;
    }

    /// <summary>The tree at the end of <paramref name="quarter"/>, read from the versions the way the tree service reads them.</summary>
    public OrgTree TreeAt(Quarter quarter)
    {
        var date = quarter.End;
        var valid = _units.Values
            .Where(u => u.IsValidOn(date))
            .Select(u => (Unit: u, Version: u.Versions.SingleOrDefault(v => v.IsValidOn(date))))
            .Where(x => x.Version is not null)
            .ToList();
        var codes = valid.ToDictionary(x => x.Unit.Id, x => x.Unit.Code);
        return new OrgTree(quarter, valid.Select(x => new OrgNode(
            x.Unit.Id,
            x.Unit.Code,
            x.Version!.Name,
            x.Version.ShortName,
            x.Version.Kind,
            x.Version.Sector,
            x.Version.ParentId,
            x.Version.ParentId is { } p ? codes.GetValueOrDefault(p) : null)));
    }

    public QuarterFacts Build(Quarter quarter) => new(
        TreeAt(quarter),
        _rolls.Where(r => r.QuarterKey == quarter.Key).Select(r => r.Roll).ToList(),
        _meetings.ToList(),
        _responses.Where(r => r.QuarterKey == quarter.Key).Select(r => r.Response).ToList(),
        _practices.ToList(),
        _adoptions.ToList());
}
