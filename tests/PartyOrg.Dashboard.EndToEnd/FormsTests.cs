using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartyOrg.Dashboard.EndToEnd.Infrastructure;

namespace PartyOrg.Dashboard.EndToEnd;

/// <summary>
/// The meeting form and the audit log in the published app with the demo data. Tiểu Cần's district
/// editor enters a meeting of one of the district's cells on 28/06/2025, the last days of the district
/// level (the demo meetings fall on days 2–10 and 13–26, so the 28th is free); after 01/07/2025 the scope
/// continues through the successor units (ADR-005, ScopeTests). The admin then finds the entry in the audit log.
/// </summary>
public sealed partial class FormsTests(AppServer app, BrowserFixture browser) : EndToEndTest(app, browser)
{
    private const string DistrictEditor = "tieucan@demo.travinh.vn";
    private const string Admin = "admin@demo.travinh.vn";
    private const string DemoPassword = "TraVinh@2026";

    [Fact]
    public async Task District_editor_enters_a_meeting_and_the_admin_finds_it_in_the_audit_log()
    {
        string? cell = null;
        await InPageAsync(async page =>
        {
            await SignInAsync(page, DistrictEditor, DemoPassword, "/meetings/new");
            await Assertions.Expect(page.GetByTestId("meeting-form-title")).ToHaveTextAsync("Nhập sinh hoạt chi bộ");
            await Assertions.Expect(page.GetByTestId("meeting-form")).ToHaveAttributeAsync("data-ready", "true");

            var date = Field(page, "field-date");
            await date.FillAsync("28/06/2025");
            await date.PressAsync("Tab");

            var cellInput = Field(page, "field-cell");
            await cellInput.ClickAsync();
            await cellInput.PressSequentiallyAsync("CB");
            var option = page.Locator(".mud-popover-open .mud-list-item").First;
            await Assertions.Expect(option).ToContainTextAsync(CellOption());
            cell = CellOption().Match(await option.InnerTextAsync()).Value;
            await option.ClickAsync();
            await Assertions.Expect(cellInput).ToHaveValueAsync(new Regex("^" + cell));

            await Field(page, "field-expected").FillAsync("12");
            await Field(page, "field-present").FillAsync("13");
            await Assertions.Expect(page.GetByText("Số có mặt (13) lớn hơn số phải dự (12).")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("meeting-save")).ToBeDisabledAsync();

            await Field(page, "field-present").FillAsync("11");
            await Field(page, "field-absent-reason").FillAsync("1");
            await Assertions.Expect(page.GetByTestId("meeting-save")).ToBeEnabledAsync();
            await page.GetByTestId("meeting-save").ClickAsync();

            await Assertions.Expect(page.GetByTestId("meeting-saved"))
                .ToContainTextAsync($"Đã lưu cuộc sinh hoạt của chi bộ {cell} ngày 28/06/2025");
        }, "District_editor_enters_a_meeting");

        await InPageAsync(async page =>
        {
            await SignInAsync(page, Admin, DemoPassword, "/admin/audit?action=MeetingForm");

            var first = page.GetByTestId("audit-table").Locator("tbody tr").First;
            await Assertions.Expect(first.GetByTestId("audit-actor")).ToHaveTextAsync(DistrictEditor);
            await Assertions.Expect(first.GetByTestId("audit-subject")).ToContainTextAsync($"{cell} 28/06/2025 Regular");
            await Assertions.Expect(first.GetByTestId("audit-action")).ToHaveTextAsync("Biểu mẫu sinh hoạt chi bộ");
        }, "Admin_finds_the_meeting_in_the_audit_log");
    }

    /// <summary>The input of a MudBlazor field, whether the test id sits on the input or on its wrapper.</summary>
    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;

    [GeneratedRegex("CB\\d{5}")]
    private static partial Regex CellOption();
}
