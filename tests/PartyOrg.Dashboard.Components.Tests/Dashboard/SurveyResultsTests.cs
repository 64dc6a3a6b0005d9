using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Dashboard;
using PartyOrg.Dashboard.Features.Dashboard.Components;

namespace PartyOrg.Dashboard.Components.Tests.Dashboard;

public sealed class SurveyResultsTests : ComponentTest
{
    [Fact]
    public void A_suppressed_result_says_plainly_why_and_shows_no_number()
    {
        using var culture = new CultureScope("vi-VN");

        var survey = Render<SurveyResults>(p => p
            .Add(c => c.Questions, [new SurveyQuestionResult(2, "Nội dung sát thực tế", "Content fitted", null, true)])
            .Add(c => c.Responses, 4));

        Assert.Equal("Không hiển thị: ít hơn 5 phiếu trả lời", survey.Find("[data-testid='survey-q2'] td").TextContent.Trim());
        Assert.Equal("Số phiếu trả lời: 4", survey.Find("[data-testid='survey-responses']").TextContent.Trim());
    }

    [Fact]
    public void A_shown_result_is_the_favourable_share_and_no_responses_is_said_as_such()
    {
        using var culture = new CultureScope("en-US");

        var survey = Render<SurveyResults>(p => p
            .Add(c => c.Questions,
            [
                new SurveyQuestionResult(1, "Tài liệu trước một ngày", "Documents a day ahead", 86.7, false),
                new SurveyQuestionResult(2, "Nội dung sát thực tế", "Content fitted", null, true),
                new SurveyQuestionResult(3, "90 phút", "90 minutes", null, false),
            ])
            .Add(c => c.Responses, 15));

        Assert.Equal("86.7%", survey.Find("[data-testid='survey-q1'] td").TextContent.Trim());
        Assert.Equal("Suppressed: fewer than 5 responses", survey.Find("[data-testid='survey-q2'] td").TextContent.Trim());
        Assert.Equal("No responses", survey.Find("[data-testid='survey-q3'] td").TextContent.Trim());
        Assert.Contains("Documents a day ahead", survey.Find("[data-testid='survey-q1'] th").TextContent, StringComparison.Ordinal);
    }
}
