using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Dashboard;
using PartyOrg.Dashboard.Features.Dashboard.Components;

namespace PartyOrg.Dashboard.Components.Tests.Dashboard;

public sealed class KpiDeltaCardTests : ComponentTest
{
    [Fact]
    public void A_rate_and_its_change_in_points_are_written_the_Vietnamese_way()
    {
        using var culture = new CultureScope("vi-VN");

        var card = RenderCard(new KpiFigure(DashboardMetrics.AttendanceRate, 94.2, 92.9, 95.0));

        Assert.Equal("94,2 %", card.Find("[data-testid='kpi-rate']").TextContent.Trim());
        Assert.Equal("+1,3 điểm %", DeltaText(card, "previous"));
        Assert.Equal("-0,8 điểm %", DeltaText(card, "last-year"));
    }

    [Fact]
    public void A_rate_and_its_change_in_points_are_written_the_English_way()
    {
        using var culture = new CultureScope("en-US");

        var card = RenderCard(new KpiFigure(DashboardMetrics.AttendanceRate, 94.2, 92.9, 95.0));

        Assert.Equal("94.2%", card.Find("[data-testid='kpi-rate']").TextContent.Trim());
        Assert.Equal("+1.3 pts", DeltaText(card, "previous"));
        Assert.Equal("-0.8 pts", DeltaText(card, "last-year"));
    }

    [Fact]
    public void Counts_use_the_cultures_group_separator()
    {
        using (new CultureScope("vi-VN"))
        {
            var vi = RenderCard(new KpiFigure(DashboardMetrics.MembersTotal, 45_622, 44_100, null));
            Assert.Equal("45.622", vi.Find("[data-testid='kpi-rate']").TextContent.Trim());
            Assert.Equal("+1.522", DeltaText(vi, "previous"));
            Assert.Equal("—", DeltaText(vi, "last-year"));
        }

        using (new CultureScope("en-US"))
        {
            var en = RenderCard(new KpiFigure(DashboardMetrics.MembersTotal, 45_622, 44_100, null));
            Assert.Equal("45,622", en.Find("[data-testid='kpi-rate']").TextContent.Trim());
            Assert.Equal("+1,522", DeltaText(en, "previous"));
        }
    }

    [Fact]
    public void A_rise_is_green_with_an_up_arrow_and_a_fall_red_with_a_down_arrow()
    {
        using var culture = new CultureScope("vi-VN");

        var card = RenderCard(new KpiFigure(DashboardMetrics.AttendanceRate, 94.2, 92.9, 95.0));

        var up = card.Find("[data-testid='kpi-rate-vs-previous']");
        var down = card.Find("[data-testid='kpi-rate-vs-last-year']");
        Assert.Contains("kpi-good", up.ClassName, StringComparison.Ordinal);
        Assert.StartsWith("▲", up.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("kpi-bad", down.ClassName, StringComparison.Ordinal);
        Assert.StartsWith("▼", down.TextContent.Trim(), StringComparison.Ordinal);
    }

    private IRenderedComponent<KpiDeltaCard> RenderCard(KpiFigure figure) =>
        Render<KpiDeltaCard>(p => p.Add(c => c.Figure, figure).Add(c => c.Label, "Tỷ lệ").Add(c => c.TestId, "kpi-rate"));

    private static string DeltaText(IRenderedComponent<KpiDeltaCard> card, string which) =>
        card.Find($"[data-testid='kpi-rate-vs-{which}'] .kpi-delta-value").TextContent.Trim();
}
