using System.Globalization;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Organisation;

namespace PartyOrg.Dashboard.Tests.Meetings;

public sealed class MeetingRulesTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly MeetingUnit Cell = new("CB00001", UnitKind.Cell, new DateOnly(2021, 1, 1), new DateOnly(2025, 7, 1));

    private static readonly MeetingInput Valid = new()
    {
        UnitCode = "CB00001",
        Date = new DateOnly(2024, 10, 15),
        Kind = MeetingKind.Regular,
        DurationMinutes = 95,
        Expected = 20,
        Present = 18,
        AbsentWithReason = 1,
        AbsentWithoutReason = 1,
        ExemptAttended = 2,
        Speakers = 5,
        Score = 88,
    };

    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public MeetingRulesTests() => Use("vi-VN");

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }

    [Fact]
    public void Check_ValidMeeting_HasNoProblem() => Assert.Empty(MeetingRules.Check(Valid, Cell, Today));

    [Fact]
    public void Check_UnknownUnit_NamesTheCode()
    {
        var problem = Assert.Single(MeetingRules.Check(Valid with { UnitCode = "XX9" }, null, Today));

        Assert.Equal(nameof(MeetingInput.UnitCode), problem.Field);
        Assert.Equal("Không có đơn vị nào mang mã “XX9”.", problem.Message);
    }

    [Fact]
    public void Check_DateAfterTheUnitEnded_SaysItsValidityInVietnameseDates()
    {
        var problem = Assert.Single(MeetingRules.Check(Valid with { Date = new DateOnly(2025, 7, 1) }, Cell, Today));

        Assert.Equal(nameof(MeetingInput.Date), problem.Field);
        Assert.Equal("Ngày 01/07/2025 nằm ngoài thời gian tồn tại của đơn vị CB00001 (từ 01/01/2021 đến 30/06/2025).", problem.Message);
    }

    [Fact]
    public void Check_NotACell_IsRejected()
    {
        var committee = Cell with { Kind = UnitKind.GrassrootsCommittee };

        Assert.Equal([nameof(MeetingInput.UnitCode)], MeetingRules.Check(Valid, committee, Today).Select(p => p.Field));
    }

    [Theory]
    [InlineData(0, 18, 1, 1, nameof(MeetingInput.Expected))]
    [InlineData(20, 21, 0, 0, nameof(MeetingInput.Present))]
    [InlineData(20, 17, 1, 1, nameof(MeetingInput.Expected))]
    [InlineData(20, -1, 1, 1, nameof(MeetingInput.Present))]
    public void Check_CountsThatDoNotAddUp_PointAtTheField(int expected, int present, int withReason, int withoutReason, string field)
    {
        var meeting = Valid with { Expected = expected, Present = present, AbsentWithReason = withReason, AbsentWithoutReason = withoutReason, ExemptAttended = 0, Speakers = 0 };

        Assert.Equal([field], MeetingRules.Check(meeting, Cell, Today).Select(p => p.Field));
    }

    [Fact]
    public void Check_CountsThatDoNotAddUp_ShowTheSum()
    {
        var problem = Assert.Single(MeetingRules.Check(Valid with { Present = 17 }, Cell, Today));

        Assert.Equal("Có mặt 17 + vắng có lý do 1 + vắng không lý do 1 = 19, khác số phải dự 20.", problem.Message);
    }

    [Theory]
    [InlineData(0, 88, nameof(MeetingInput.DurationMinutes))]
    [InlineData(-5, 88, nameof(MeetingInput.DurationMinutes))]
    [InlineData(1441, 88, nameof(MeetingInput.DurationMinutes))]
    [InlineData(90, 101, nameof(MeetingInput.Score))]
    [InlineData(90, -1, nameof(MeetingInput.Score))]
    public void Check_DurationAndScoreOutOfRange_AreRejected(int duration, int score, string field) =>
        Assert.Equal([field], MeetingRules.Check(Valid with { DurationMinutes = duration, Score = score }, Cell, Today).Select(p => p.Field));

    [Fact]
    public void Check_ScoreBoundsAndNoScore_AreAccepted()
    {
        Assert.Empty(MeetingRules.Check(Valid with { Score = 0 }, Cell, Today));
        Assert.Empty(MeetingRules.Check(Valid with { Score = 100 }, Cell, Today));
        Assert.Empty(MeetingRules.Check(Valid with { Score = null }, Cell, Today));
    }

    [Fact]
    public void Check_ExemptAndSpeakersAbovePresent_AreRejected()
    {
        var fields = MeetingRules.Check(Valid with { ExemptAttended = 19, Speakers = 19 }, Cell, Today).Select(p => p.Field);

        Assert.Equal([nameof(MeetingInput.ExemptAttended), nameof(MeetingInput.Speakers)], fields);
    }

    [Fact]
    public void Check_FutureDateAndUndefinedKind_AreRejected()
    {
        var open = Cell with { ValidTo = null };
        var fields = MeetingRules.Check(Valid with { Date = Today.AddDays(1), Kind = (MeetingKind)9 }, open, Today).Select(p => p.Field);

        Assert.Equal([nameof(MeetingInput.Date), nameof(MeetingInput.Kind)], fields);
    }

    [Fact]
    public void Check_InEnglish_SpeaksEnglish()
    {
        Use("en-GB");

        var problem = Assert.Single(MeetingRules.Check(Valid with { Score = 120 }, Cell, Today));

        Assert.Equal("The score must be between 0 and 100 (it is 120).", problem.Message);
    }

    private static void Use(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }
}
