using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Practices;

namespace PartyOrg.Dashboard.Features.Aggregates;

public sealed record RollFact(int UnitId, int Members, int Exempt);

public sealed record MeetingFact(
    int UnitId,
    DateOnly Date,
    MeetingKind Kind,
    int DurationMinutes,
    bool DocumentsAhead,
    bool UpperLevelAttended,
    int Expected,
    int Present,
    int AbsentWithoutReason,
    int? Score);

/// <summary>One response's answers to questions 1–11 (index 0 = question 1).</summary>
public sealed record ResponseFact(int UnitId, byte?[] Answers);

public sealed record PracticeFact(int Id, string Code, PracticeTarget Target);

public sealed record AdoptionFact(int PracticeId, int UnitId, AdoptionStage Stage, DateOnly StartedOn, DateOnly? EndedOn);

/// <summary>Everything the metrics of one quarter are computed from, already restricted to that quarter.</summary>
public sealed record QuarterFacts(
    OrgTree Tree,
    IReadOnlyList<RollFact> Rolls,
    IReadOnlyList<MeetingFact> Meetings,
    IReadOnlyList<ResponseFact> Responses,
    IReadOnlyList<PracticeFact> Practices,
    IReadOnlyList<AdoptionFact> Adoptions);
