using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Aggregates;

/// <summary>Reads the facts of one quarter in a few projected, untracked queries.</summary>
public sealed class QuarterFactsLoader(IDbContextFactory<AppDbContext> contexts, OrgTreeService trees)
{
    public async Task<QuarterFacts> LoadAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var tree = await trees.GetTreeAsync(quarter, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = quarter.Key;
        var (start, end) = (quarter.Start, quarter.End);

        var rolls = await db.Memberships.AsNoTracking()
            .Where(m => m.QuarterKey == key)
            .Select(m => new RollFact(m.UnitId, m.Members, m.Exempt))
            .ToListAsync(cancellationToken);

        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.Date >= start && m.Date <= end)
            .Select(m => new MeetingFact(m.UnitId, m.Date, m.Kind, m.DurationMinutes, m.DocumentsAhead, m.UpperLevelAttended, m.Expected, m.Present, m.AbsentWithoutReason, m.Score))
            .ToListAsync(cancellationToken);

        var responses = await (
            from r in db.SurveyResponses.AsNoTracking()
            join round in db.SurveyRounds on r.RoundId equals round.Id
            where round.QuarterKey == key
            select new { r.UnitId, r.Q1, r.Q2, r.Q3, r.Q4, r.Q5, r.Q6, r.Q7, r.Q8, r.Q9, r.Q10, r.Q11 })
            .ToListAsync(cancellationToken);

        var practices = await db.Practices.AsNoTracking()
            .OrderBy(p => p.Code)
            .Select(p => new PracticeFact(p.Id, p.Code, p.Target))
            .ToListAsync(cancellationToken);

        var adoptions = await db.Adoptions.AsNoTracking()
            .Where(a => a.StartedOn <= end)
            .Select(a => new AdoptionFact(a.PracticeId, a.UnitId, a.Stage, a.StartedOn, a.EndedOn))
            .ToListAsync(cancellationToken);

        return new QuarterFacts(
            tree,
            rolls,
            meetings,
            responses.Select(r => new ResponseFact(r.UnitId, [r.Q1, r.Q2, r.Q3, r.Q4, r.Q5, r.Q6, r.Q7, r.Q8, r.Q9, r.Q10, r.Q11])).ToList(),
            practices,
            adoptions);
    }
}
