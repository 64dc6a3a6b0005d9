using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Dashboard;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Tests.Dashboard;

public sealed class DashboardRulesTests
{
    [Fact]
    public void Delta_of_rates_is_in_percentage_points()
    {
        var values = new Dictionary<string, Metric> { [MetricKeys.AttendanceRate] = new(0.942, 942, 1000, false) };
        var before = new Dictionary<string, Metric> { [MetricKeys.AttendanceRate] = new(0.929, 929, 1000, false) };

        var kpi = new KpiFigure(
            DashboardMetrics.AttendanceRate,
            DashboardRules.Read(values, DashboardMetrics.AttendanceRate),
            DashboardRules.Read(before, DashboardMetrics.AttendanceRate),
            null);

        Assert.Equal(94.2, kpi.Current!.Value, 6);
        Assert.Equal(1.3, kpi.DeltaPrevious!.Value, 6);
        Assert.Null(kpi.DeltaLastYear);
    }

    [Fact]
    public void Delta_is_missing_when_either_quarter_has_no_value()
    {
        Assert.Null(DashboardRules.Delta(null, 3));
        Assert.Null(DashboardRules.Delta(3, null));
        Assert.Equal(-122, DashboardRules.Delta(45_500, 45_622));
    }

    [Fact]
    public void A_rise_is_good_a_fall_bad_and_no_change_neither()
    {
        Assert.True(DashboardRules.IsGood(1.3, DashboardMetrics.AttendanceRate));
        Assert.False(DashboardRules.IsGood(-0.4, DashboardMetrics.AttendanceRate));
        Assert.Null(DashboardRules.IsGood(0, DashboardMetrics.AttendanceRate));
        Assert.Null(DashboardRules.IsGood(null, DashboardMetrics.MembersTotal));
    }

    [Fact]
    public void The_survey_index_is_already_a_percentage_and_is_not_scaled()
    {
        var values = new Dictionary<string, Metric> { [MetricKeys.SurveyIndex] = new(78.4, 784, 10, false) };

        Assert.Equal(78.4, DashboardRules.Read(values, DashboardMetrics.SurveyIndex)!.Value, 6);
    }

    [Fact]
    public void Coverage_average_is_the_mean_of_the_defined_practice_coverages()
    {
        var values = new Dictionary<string, Metric>
        {
            [MetricKeys.PracticeCoverage("P01")] = new(0.5, 1, 2, false),
            [MetricKeys.PracticeCoverage("P02")] = new(1.0, 2, 2, false),
            [MetricKeys.PracticeCoverage("P03")] = Metric.Empty,
            [MetricKeys.AttendanceRate] = new(0.1, 1, 10, false),
        };

        Assert.Equal(75, DashboardRules.Read(values, DashboardMetrics.Coverage)!.Value, 6);
        Assert.Null(DashboardRules.Read(new Dictionary<string, Metric>(), DashboardMetrics.Coverage));
    }

    [Fact]
    public void Attendance_below_85_percent_needs_attention()
    {
        var finding = Assert.Single(DashboardRules.Attention(84.9, 0, null, null, null));

        Assert.Equal(AttentionReason.LowAttendance, finding.Reason);
        Assert.Empty(DashboardRules.Attention(85, 0, null, null, null));
    }

    [Fact]
    public void A_survey_index_falling_two_quarters_in_a_row_needs_attention()
    {
        var finding = Assert.Single(DashboardRules.Attention(null, null, 70, 75, 80));

        Assert.Equal(AttentionReason.FallingSurvey, finding.Reason);
        Assert.Equal(-10, finding.Value);
        Assert.Empty(DashboardRules.Attention(null, null, 70, 75, 74));
        Assert.Empty(DashboardRules.Attention(null, null, 70, 70, 80));
        Assert.Empty(DashboardRules.Attention(null, null, 70, null, 80));
    }

    [Fact]
    public void Cells_under_ten_members_need_attention_with_their_count()
    {
        var finding = Assert.Single(DashboardRules.Attention(95, 3, null, null, null));

        Assert.Equal(new AttentionFinding(AttentionReason.SmallCells, 3), finding);
    }

    [Fact]
    public void Every_reason_is_reported_together()
    {
        var reasons = DashboardRules.Attention(80, 1, 60, 65, 70).Select(f => f.Reason);

        Assert.Equal([AttentionReason.LowAttendance, AttentionReason.FallingSurvey, AttentionReason.SmallCells], reasons);
    }

    [Theory]
    [InlineData(95, MeetingGrade.Tot)]
    [InlineData(90, MeetingGrade.Tot)]
    [InlineData(89, MeetingGrade.Kha)]
    [InlineData(70, MeetingGrade.Kha)]
    [InlineData(50, MeetingGrade.TrungBinh)]
    [InlineData(49, MeetingGrade.Kem)]
    public void Grades_follow_the_100_point_scale(int score, MeetingGrade grade) =>
        Assert.Equal(grade, DashboardRules.GradeOf(score));

    [Fact]
    public void An_unscored_meeting_has_no_grade() => Assert.Null(DashboardRules.GradeOf(null));

    [Fact]
    public void Lineage_links_open_a_quarter_in_which_the_other_unit_existed()
    {
        // Districts abolished on 01/07/2025: the predecessor last stood at the end of 2025-Q2.
        Assert.Equal(new Quarter(2025, 2), DashboardRules.LastQuarterBefore(new DateOnly(2025, 7, 1)));
        Assert.Equal(new Quarter(2024, 4), DashboardRules.LastQuarterBefore(new DateOnly(2025, 2, 15)));
        Assert.Equal(new Quarter(2025, 3), DashboardRules.FirstQuarterFrom(new DateOnly(2025, 7, 1)));
    }

    [Fact]
    public void Children_are_sorted_best_first_and_units_without_data_last()
    {
        ChildFigure Child(string name, double? value) => new(new UnitRef(name, name, name, UnitKind.UpperCommittee), value, []);

        var sorted = DashboardService.SortByValue([Child("B", 90), Child("A", null), Child("C", 95)], DashboardMetrics.AttendanceRate);

        Assert.Equal(["C", "B", "A"], sorted.Select(c => c.Unit.Code));
    }
}
