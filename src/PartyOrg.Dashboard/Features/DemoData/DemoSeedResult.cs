using System.Globalization;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.DemoData;

/// <summary>What <see cref="DemoSeeder.SeedAsync"/> wrote: rows per table and how long it took.</summary>
public sealed record DemoSeedResult
{
    public required int Scale { get; init; }

    public required Quarter FirstQuarter { get; init; }

    public required Quarter LastQuarter { get; init; }

    public required int Units { get; init; }

    public required int UnitVersions { get; init; }

    public required int LineageEvents { get; init; }

    public required int Memberships { get; init; }

    public required int Meetings { get; init; }

    public required int MeetingAttendance { get; init; }

    public required int SurveyRounds { get; init; }

    public required int SurveyResponses { get; init; }

    public required int Practices { get; init; }

    public required int Adoptions { get; init; }

    /// <summary>Generating the rows in memory.</summary>
    public required TimeSpan GenerateElapsed { get; init; }

    /// <summary>The whole seed: the emptiness check, generation and the bulk write.</summary>
    public required TimeSpan Elapsed { get; init; }

    public int TotalRows =>
        Units + UnitVersions + LineageEvents + Memberships + Meetings + MeetingAttendance + SurveyRounds + SurveyResponses + Practices + Adoptions;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"demo data ×{Scale} {FirstQuarter}…{LastQuarter}: {TotalRows} rows (units {Units}, versions {UnitVersions}, lineage {LineageEvents}, memberships {Memberships}, meetings {Meetings}, attendance {MeetingAttendance}, rounds {SurveyRounds}, responses {SurveyResponses}, practices {Practices}, adoptions {Adoptions}) in {Elapsed.TotalSeconds:0.0} s (generation {GenerateElapsed.TotalSeconds:0.0} s)");
}
