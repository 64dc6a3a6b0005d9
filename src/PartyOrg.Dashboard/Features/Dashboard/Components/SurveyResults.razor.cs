using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Dashboard.Components;

/// <summary>A cell's survey, question by question: the favourable share, or plainly why it is not shown.</summary>
public sealed partial class SurveyResults
{
    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [Parameter, EditorRequired]
    public IReadOnlyList<SurveyQuestionResult> Questions { get; set; } = [];

    [Parameter]
    public double? Responses { get; set; }

    private string ResponsesText => (Responses ?? 0).ToString("N0", CultureInfo.CurrentCulture);

    private static string QuestionText(SurveyQuestionResult q) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi" ? q.TextVi : q.TextEn;

    private string Result(SurveyQuestionResult q) => q switch
    {
        { Suppressed: true } => L["SurveySuppressed"],
        { FavourablePercent: null } => L["SurveyNoData"],
        _ => DashboardFormat.Value(q.FavourablePercent, MetricKind.Rate, CultureInfo.CurrentCulture, L["RateFormat"]),
    };
}
