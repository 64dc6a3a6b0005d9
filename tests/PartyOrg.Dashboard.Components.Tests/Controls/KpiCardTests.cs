using PartyOrg.Dashboard.Components.Controls;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Components.Tests.Controls;

public sealed class KpiCardTests : ComponentTest
{
    [Theory]
    [InlineData("vi-VN", 45_622, "45.622")]
    [InlineData("en-US", 45_622, "45,622")]
    [InlineData("vi-VN", 1_999, "1.999")]
    [InlineData("vi-VN", 0, "0")]
    public void Value_is_grouped_in_the_current_culture(string cultureName, int value, string expected)
    {
        using var culture = new CultureScope(cultureName);

        var card = Render<KpiCard>(p => p
            .Add(c => c.Label, "Đảng viên")
            .Add(c => c.Value, value)
            .Add(c => c.TestId, "kpi-members"));

        Assert.Equal(expected, card.Find("[data-testid='kpi-members']").TextContent);
        Assert.Equal("Đảng viên", card.Find(".kpi-label").TextContent.Trim());
    }
}
