namespace PartyOrg.Dashboard.Features.Aggregates;

/// <summary>The metric keys: part of the API contract (README, OpenAPI).</summary>
public static class MetricKeys
{
    public const string UpperCommittees = "structure.upper_committees";
    public const string GrassrootsCommittees = "structure.grassroots_committees";
    public const string GrassrootsCells = "structure.grassroots_cells";
    public const string SubordinateCells = "structure.subordinate_cells";
    public const string SmallCells = "structure.small_cells";
    public const string MembersTotal = "members.total";
    public const string MembersExempt = "members.exempt";
    public const string MembersEligible = "members.eligible";
    public const string Regularity = "meetings.regularity";
    public const string ThematicCoverage = "meetings.thematic_coverage";
    public const string AttendanceRate = "attendance.rate";
    public const string QualityShare = "attendance.quality_share";
    public const string DurationCompliance = "meetings.duration_compliance";
    public const string DocumentsAhead = "meetings.documents_ahead";
    public const string UpperLevelPresence = "meetings.upper_level_presence";
    public const string GradeTot = "meetings.grade.tot";
    public const string GradeKha = "meetings.grade.kha";
    public const string GradeTrungBinh = "meetings.grade.trung_binh";
    public const string GradeKem = "meetings.grade.kem";
    public const string SurveyResponses = "survey.responses";
    public const string SurveyResponseRate = "survey.response_rate";
    public const string SurveyIndex = "survey.index";
    public const string SurveyFavourablePrefix = "survey.favourable.q";
    public const string PracticeCoveragePrefix = "practices.coverage.";

    /// <summary>Fewer responses than this and a unit's survey results are suppressed.</summary>
    public const int MinimumResponses = 5;

    public static string SurveyFavourable(int question) => SurveyFavourablePrefix + question.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string PracticeCoverage(string practiceCode) => PracticeCoveragePrefix + practiceCode;

    /// <summary>Every fixed key (practice keys come from the catalogue).</summary>
    public static IReadOnlyList<string> Fixed { get; } =
    [
        UpperCommittees, GrassrootsCommittees, GrassrootsCells, SubordinateCells, SmallCells,
        MembersTotal, MembersExempt, MembersEligible,
        Regularity, ThematicCoverage, AttendanceRate, QualityShare, DurationCompliance, DocumentsAhead, UpperLevelPresence,
        GradeTot, GradeKha, GradeTrungBinh, GradeKem,
        SurveyResponses, SurveyResponseRate,
        .. Enumerable.Range(1, 11).Select(SurveyFavourable),
        SurveyIndex,
    ];

    /// <summary>Survey results that are hidden below <see cref="MinimumResponses"/> (counts and rates of response are not).</summary>
    public static bool IsSuppressible(string key) =>
        key == SurveyIndex || key.StartsWith(SurveyFavourablePrefix, StringComparison.Ordinal);
}
