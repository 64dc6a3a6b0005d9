using System.Security.Claims;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Features.Meetings.Entry;

namespace PartyOrg.Dashboard.Components.Tests.Forms;

/// <summary>
/// The meeting form against a real SQLite database (<see cref="DashboardProvince"/>: today is 10/02/2025,
/// the district editor's scope TC holds the cells TC-TT-K1 and TC-TT-K2).
/// </summary>
public sealed class MeetingFormTests : ComponentTest, IAsyncLifetime
{
    private OrgDatabase _db = default!;

    public async ValueTask InitializeAsync()
    {
        _db = await DashboardProvince.CreateAsync(Services);
        Services.AddSingleton<AuditLog>();
        Services.AddMeetingEntry();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Theory]
    [InlineData("vi-VN", "Số có mặt (12) lớn hơn số phải dự (10).")]
    [InlineData("en-US", "Present (12) is more than expected (10).")]
    public void More_present_than_expected_is_shown_under_the_present_field_and_save_is_disabled(string culture, string message)
    {
        using var scope = new CultureScope(culture);
        SignIn(Roles.DistrictEditor, scopeUnitCode: "TC");
        var form = RenderForm("/meetings/new?unit=TC-TT-K1");

        Type(form, "field-expected", "10");
        Type(form, "field-present", "12");

        form.WaitForAssertion(() => Assert.Contains(message, Control(form, "field-present").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(message, Control(form, "field-expected").TextContent, StringComparison.Ordinal);
        Assert.True(form.Find("[data-testid='meeting-save']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Once_the_counts_add_up_the_meeting_saves_and_the_page_confirms_it()
    {
        using var scope = new CultureScope("vi-VN");
        SignIn(Roles.DistrictEditor, scopeUnitCode: "TC");
        var form = RenderForm("/meetings/new?unit=TC-TT-K1");
        Type(form, "field-expected", "10");
        Type(form, "field-present", "12");
        form.WaitForAssertion(() => Assert.True(form.Find("[data-testid='meeting-save']").HasAttribute("disabled")));

        Type(form, "field-present", "9");
        Type(form, "field-absent-reason", "1");

        form.WaitForAssertion(() => Assert.False(form.Find("[data-testid='meeting-save']").HasAttribute("disabled")));
        Assert.DoesNotContain("lớn hơn", Control(form, "field-present").TextContent, StringComparison.Ordinal);
        form.Find("[data-testid='meeting-save']").Click();

        form.WaitForAssertion(() => Assert.Contains("Đã lưu cuộc sinh hoạt của chi bộ TC-TT-K1 ngày 10/02/2025", form.Find("[data-testid='meeting-saved']").TextContent, StringComparison.Ordinal));
        await using var db = _db.Contexts.CreateDbContext();
        var meeting = await db.Meetings.SingleAsync(m => m.Date == new DateOnly(2025, 2, 10), Xunit.TestContext.Current.CancellationToken);
        Assert.Equal((10, 9, 1, MeetingKind.Regular), (meeting.Expected, meeting.Present, meeting.AbsentWithReason, meeting.Kind));
        Assert.Equal("user@demo.travinh.vn", (await db.AuditLog.SingleAsync(Xunit.TestContext.Current.CancellationToken)).Actor);
    }

    [Fact]
    public async Task A_meeting_outside_the_editors_scope_is_not_opened_for_correction()
    {
        using var scope = new CultureScope("vi-VN");
        var board = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bantochuc@demo.travinh.vn"), new Claim(ClaimTypes.Role, Roles.OrgBoard)], "test"));
        var saved = await Services.GetRequiredService<MeetingEntryService>().SaveAsync(board, null,
            new MeetingInput { UnitCode = "TC-TT-K1", Date = new DateOnly(2025, 2, 1), DurationMinutes = 90, Expected = 10, Present = 10 }, Xunit.TestContext.Current.CancellationToken);
        SignIn(Roles.DistrictEditor, scopeUnitCode: "KCQ-CB");
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/meetings/{saved.MeetingId}/edit");

        var edit = Render<MeetingFormPage>(p => p.Add(c => c.Id, saved.MeetingId));

        edit.WaitForAssertion(() => Assert.Equal("Không tìm thấy cuộc sinh hoạt này trong phạm vi của bạn.", edit.Find("[data-testid='meeting-not-found']").TextContent.Trim()));
        Assert.Empty(edit.FindAll("[data-testid='meeting-save']"));
    }

    private IRenderedComponent<MeetingFormPage> RenderForm(string uri)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        var form = Render<MeetingFormPage>();
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("[data-testid='meeting-save']")), TimeSpan.FromSeconds(10));
        return form;
    }

    private static IElement Input(IRenderedComponent<MeetingFormPage> form, string testId)
    {
        var element = form.Find($"[data-testid='{testId}']");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    /// <summary>The whole MudBlazor control of a field: label, input and helper (where its error shows).</summary>
    private static IElement Control(IRenderedComponent<MeetingFormPage> form, string testId) =>
        Input(form, testId).Closest(".mud-input-control") ?? throw new InvalidOperationException($"{testId} has no input control");

    private static void Type(IRenderedComponent<MeetingFormPage> form, string testId, string value) => Input(form, testId).Input(value);
}
