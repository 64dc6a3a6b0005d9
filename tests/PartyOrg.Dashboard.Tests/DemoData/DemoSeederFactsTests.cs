using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Surveys;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.DemoData;

/// <summary>The facts agree with each other and with the tree of their date.</summary>
public sealed class DemoSeederFactsTests(SeededDemoDatabases databases)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SeedAsync_EveryMeeting_AddsUpItsAttendance(DatabaseProvider provider)
    {
        var seeded = await databases.GetAsync(provider);
        await using var db = seeded.Database.CreateContext();

        var inconsistent = await db.Meetings.CountAsync(m =>
            m.Present + m.AbsentWithReason + m.AbsentWithoutReason != m.Expected
            || m.Present > m.Expected || m.ExemptAttended > m.Present || m.Speakers > m.Present || m.DurationMinutes <= 0, Ct);

        Assert.Equal(0, inconsistent);
        Assert.True(await db.Meetings.CountAsync(Ct) > 150_000);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SeedAsync_EveryFact_BelongsToAUnitValidOnItsDate(DatabaseProvider provider)
    {
        var seeded = await databases.GetAsync(provider);
        var rows = seeded.Rows;
        var units = rows.Units.ToDictionary(u => u.Id);
        var holders = rows.Versions.Where(v => v.Kind.HoldsMeetings()).Select(v => v.UnitId).ToHashSet();
        await using var db = seeded.Database.CreateContext();

        var meetings = await db.Meetings.AsNoTracking().Select(m => new { m.UnitId, m.Date }).ToListAsync(Ct);
        Assert.All(meetings, m => Assert.True(units[m.UnitId].IsValidOn(m.Date) && holders.Contains(m.UnitId)));
        Assert.All(rows.Memberships, m => Assert.True(units[m.UnitId].IsValidOn(Quarter.FromKey(m.QuarterKey).End)));

        var rounds = await db.SurveyRounds.AsNoTracking().ToDictionaryAsync(r => r.Id, Ct);
        var surveyed = await db.SurveyResponses.AsNoTracking().Select(r => new { r.RoundId, r.UnitId }).Distinct().ToListAsync(Ct);
        Assert.All(surveyed, s => Assert.True(units[s.UnitId].IsValidOn(rounds[s.RoundId].ClosesOn)));

        var adoptions = await db.Adoptions.AsNoTracking().ToListAsync(Ct);
        Assert.All(adoptions, a =>
        {
            Assert.True(units[a.UnitId].IsValidOn(a.StartedOn), $"adoption {a.Id} starts outside its unit's life");
            Assert.True(a.EndedOn is null || units[a.UnitId].ValidTo is null || a.EndedOn <= units[a.UnitId].ValidTo);
        });
        var practices = await db.Practices.AsNoTracking().ToListAsync(Ct);
        Assert.All(practices, p => Assert.True(units[p.OriginUnitId!.Value].IsValidOn(p.OriginDate)));
        Assert.Equal(15, practices.Count);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SeedAsync_SurveyAnswers_AreValidForTheirScale(DatabaseProvider provider)
    {
        var seeded = await databases.GetAsync(provider);
        await using var db = seeded.Database.CreateContext();

        var invalid = 0;
        var count = 0;
        await foreach (var response in db.SurveyResponses.AsNoTracking().AsAsyncEnumerable().WithCancellation(Ct))
        {
            count++;
            for (var q = 1; q <= 11; q++)
            {
                if (response.Answer(q) is { } answer && !Questionnaire.IsValid(q, answer))
                {
                    invalid++;
                }
            }
        }

        Assert.Equal(0, invalid);
        Assert.Equal(seeded.Result.SurveyResponses, count);
        Assert.Equal(23, await db.SurveyRounds.CountAsync(r => r.QuestionnaireVersion == Questionnaire.CurrentVersion, Ct));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SeedAsync_2021Wave_MovesMeetingsOnlineAndIntoClusters(DatabaseProvider provider)
    {
        var seeded = await databases.GetAsync(provider);
        await using var db = seeded.Database.CreateContext();
        var wave = await db.Meetings.Where(m => m.Date >= new DateOnly(2021, 8, 1) && m.Date < new DateOnly(2021, 10, 1))
            .GroupBy(m => m.Mode).Select(g => new { Mode = g.Key, Count = g.Count() }).ToListAsync(Ct);
        var later = await db.Meetings.CountAsync(m => m.Date >= new DateOnly(2023, 1, 1) && m.Mode != MeetingMode.InPerson, Ct);

        Assert.Contains(wave, w => w.Mode == MeetingMode.Online && w.Count > 100);
        Assert.Contains(wave, w => w.Mode == MeetingMode.Cluster && w.Count > 100);
        Assert.Equal(0, later);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SeedAsync_PilotCell_HasPerMemberAttendanceMatchingItsMeetings(DatabaseProvider provider)
    {
        var seeded = await databases.GetAsync(provider);
        await using var db = seeded.Database.CreateContext();
        var perMeeting = await db.MeetingAttendance.AsNoTracking()
            .GroupBy(a => a.MeetingId)
            .Select(g => new { MeetingId = g.Key, Rows = g.Count(), Present = g.Count(a => a.Status == AttendanceStatus.Present) })
            .ToListAsync(Ct);
        var ids = perMeeting.Select(p => p.MeetingId).ToList();
        var meetings = await db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, Ct);

        Assert.NotEmpty(perMeeting);
        Assert.Single(meetings.Values.Select(m => m.UnitId).Distinct());
        Assert.All(perMeeting, p =>
        {
            Assert.Equal(meetings[p.MeetingId].Expected, p.Rows);
            Assert.Equal(meetings[p.MeetingId].Present, p.Present);
        });
        Assert.All(await db.MeetingAttendance.Select(a => a.MemberCode).Distinct().ToListAsync(Ct), c => Assert.Matches("^DV-[0-9]{6}$", c));
    }
}
