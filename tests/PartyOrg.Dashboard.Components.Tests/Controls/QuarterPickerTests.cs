using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using PartyOrg.Dashboard.Components.Controls;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Components.Tests.Controls;

public sealed class QuarterPickerTests : ComponentTest
{
    public QuarterPickerTests()
    {
        // "Today" is 10/02/2025: the last closed quarter is 2024-Q4.
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2025, 2, 10, 3, 0, 0, TimeSpan.Zero)));
        Services.AddSingleton<AppClock>();
    }

    [Fact]
    public async Task Choosing_a_quarter_writes_it_into_the_url_and_keeps_the_other_filters()
    {
        using var culture = new CultureScope("vi-VN");
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/units/TC?quarter=2024-Q4&metric=survey.index");
        var picker = Render<QuarterPicker>(p => p.Add(c => c.Value, new Quarter(2024, 4)));

        var select = picker.FindComponent<MudSelect<Quarter>>();
        await picker.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(new Quarter(2023, 2)));

        Assert.Equal("http://localhost/units/TC?quarter=2023-Q2&metric=survey.index", navigation.Uri);
    }

    [Fact]
    public void The_quarters_run_from_the_last_closed_back_to_2021_Q1_with_Vietnamese_labels()
    {
        using var culture = new CultureScope("vi-VN");

        var picker = Render<QuarterPicker>(p => p.Add(c => c.Value, new Quarter(2024, 4)));

        var items = picker.FindComponents<MudSelectItem<Quarter>>().Select(i => i.Instance.Value).ToList();
        Assert.Equal(16, items.Count);
        Assert.Equal(new Quarter(2024, 4), items[0]);
        Assert.Equal(new Quarter(2021, 1), items[^1]);
        Assert.Equal("Quý IV/2024", picker.FindComponent<MudSelect<Quarter>>().Instance.ToStringFunc!(items[0]));
    }
}
