using System.Globalization;
using PartyOrg.Dashboard.Features.Briefings.Documents;
using PartyOrg.Dashboard.Features.Dashboard;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Tests.Briefings;

/// <summary>The sentences written from hand-made numbers, in Vietnamese and English.</summary>
public sealed class BriefingNarrativeTests
{
    private static readonly Quarter Q = new(2026, 3);

    private static string Write(string culture, BriefingFigure figure) =>
        new BriefingNarrative(new BriefingTexts(BriefingDatabase.Localizer(), CultureInfo.GetCultureInfo(culture))).Figure(figure, Q);

    [Fact]
    public void Rate_UpOnLastQuarter_DownOnLastYear_Vietnamese()
    {
        var text = Write("vi-VN", new BriefingFigure("Tỷ lệ đảng viên dự sinh hoạt", MetricKind.Rate, 94.2, 92.9, 94.6));

        Assert.Equal("Tỷ lệ đảng viên dự sinh hoạt đạt 94,2 %, tăng 1,3 điểm % so với quý II/2026 và giảm 0,4 điểm % so với cùng kỳ năm trước (quý III/2025).", text);
    }

    [Fact]
    public void Rate_UpOnLastQuarter_DownOnLastYear_English()
    {
        var text = Write("en-US", new BriefingFigure("Attendance at cell meetings", MetricKind.Rate, 94.2, 92.9, 94.6));

        Assert.Equal("Attendance at cell meetings stood at 94.2%, up 1.3 percentage points on Q2 2026 and down 0.4 percentage points on the same quarter last year (Q3 2025).", text);
    }

    [Fact]
    public void Count_Unchanged_AndAChangeThatRoundsToZero_ReadAsUnchanged()
    {
        var vi = Write("vi-VN", new BriefingFigure("Tổng số đảng viên", MetricKind.Count, 45622, 45622, 45621.6));
        var en = Write("en-US", new BriefingFigure("Members", MetricKind.Count, 45622, 45622, 45621.6));

        Assert.Equal("Tổng số đảng viên là 45.622, không đổi so với quý II/2026 và không đổi so với cùng kỳ năm trước (quý III/2025).", vi);
        Assert.Equal("Members stood at 45,622, unchanged on Q2 2026 and unchanged on the same quarter last year (Q3 2025).", en);
    }

    [Fact]
    public void Count_Decrease_IsWrittenWithoutSign()
    {
        var vi = Write("vi-VN", new BriefingFigure("Tổng số đảng viên", MetricKind.Count, 45500, 45622, 44000));

        Assert.Equal("Tổng số đảng viên là 45.500, giảm 122 so với quý II/2026 và tăng 1.500 so với cùng kỳ năm trước (quý III/2025).", vi);
    }

    [Fact]
    public void MissingComparison_SaysThereIsNoFigure()
    {
        var vi = Write("vi-VN", new BriefingFigure("Chỉ số hài lòng chung", MetricKind.Rate, 80, null, 78.5));
        var en = Write("en-US", new BriefingFigure("Survey index", MetricKind.Rate, 80, null, 78.5));

        Assert.Equal("Chỉ số hài lòng chung đạt 80,0 %, chưa có số liệu quý II/2026 để so sánh và tăng 1,5 điểm % so với cùng kỳ năm trước (quý III/2025).", vi);
        Assert.Equal("Survey index stood at 80.0%, no figure for Q2 2026 to compare and up 1.5 percentage points on the same quarter last year (Q3 2025).", en);
    }

    [Fact]
    public void Suppressed_IsNotPublished()
    {
        var vi = Write("vi-VN", new BriefingFigure("Chỉ số hài lòng chung", MetricKind.Rate, null, 70, 71, Suppressed: true));
        var en = Write("en-US", new BriefingFigure("Survey index", MetricKind.Rate, null, 70, 71, Suppressed: true));

        Assert.Equal("Chỉ số hài lòng chung: không công bố vì có dưới 5 phiếu trả lời.", vi);
        Assert.Equal("Survey index: not published, fewer than 5 responses.", en);
    }

    [Fact]
    public void NoFigureThisQuarter_SaysSo()
    {
        var vi = Write("vi-VN", new BriefingFigure("Loại Tốt", MetricKind.Rate, null, 30, 31));

        Assert.Equal("Loại Tốt: chưa có số liệu trong quý.", vi);
    }
}
