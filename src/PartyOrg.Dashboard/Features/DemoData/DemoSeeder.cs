using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.DemoData;

/// <summary>
/// Fills an empty, migrated database with the deterministic demo data set of Trà Vinh province
/// (the seed article's structure, 2021-Q1 to the last closed quarter) in one transaction.
/// </summary>
public sealed class DemoSeeder(DatabaseSettings settings, TimeProvider time)
{
    public const int MaxScale = 1000;

    /// <param name="scale">1 for the article's province; N for an N-times larger synthetic one (load tests).</param>
    /// <exception cref="InvalidOperationException">The database already holds units; nothing is written.</exception>
    public async Task<DemoSeedResult> SeedAsync(int scale, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaxScale);
        var stopwatch = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        var today = VietnamTime.Today(time);

        await using var db = settings.CreateContext();
        await using var writer = await BulkWriter.OpenAsync(db, ct);
        if (await db.Units.AnyAsync(ct))
        {
            throw new InvalidOperationException(
                $"The demo data can only be seeded into an empty database, but {settings.Describe()} already holds organisation units.");
        }

        var data = DemoDataGenerator.Generate(scale, today, now);
        var generated = stopwatch.Elapsed;

        await writer.WriteAsync([data.Source], ct);
        await writer.WriteAsync(data.Units, ct);
        await writer.WriteAsync(data.Versions, ct);
        await writer.WriteAsync(data.Lineage, ct);
        await writer.WriteAsync(data.Memberships, ct);
        await writer.WriteAsync(data.Practices, ct);
        await writer.WriteAsync(data.Adoptions, ct);
        await writer.WriteAsync(data.Rounds, ct);
        await writer.WriteAsync(data.Responses, ct);
        await writer.WriteAsync(data.Meetings, ct);
        await writer.WriteAsync(data.Attendance, ct);
        await writer.CommitAsync(ct);

        return new DemoSeedResult
        {
            Scale = scale,
            FirstQuarter = DemoDataGenerator.FirstQuarter,
            LastQuarter = Quarter.LastClosed(today),
            Units = data.Units.Count,
            UnitVersions = data.Versions.Count,
            LineageEvents = data.Lineage.Count,
            Memberships = data.Memberships.Count,
            Meetings = data.Meetings.Count,
            MeetingAttendance = data.Attendance.Count,
            SurveyRounds = data.Rounds.Count,
            SurveyResponses = data.Responses.Count,
            Practices = data.Practices.Count,
            Adoptions = data.Adoptions.Count,
            GenerateElapsed = generated,
            Elapsed = stopwatch.Elapsed,
        };
    }
}

/// <summary>"Today" in Trà Vinh (Asia/Ho_Chi_Minh, UTC+7 all year).</summary>
internal static class VietnamTime
{
    private static readonly TimeZoneInfo Zone = Find();

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime);

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Without a time-zone database: Vietnam keeps UTC+7 and has no daylight saving.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Indochina Time", "ICT");
        }
    }
}
