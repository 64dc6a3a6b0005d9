namespace PartyOrg.Dashboard.Features.Dashboard.Analysis;

/// <summary>
/// The texts of the attendance, surveys and practices pages: <c>AnalysisText.resx</c> (Vietnamese, the
/// neutral language) and <c>AnalysisText.en.resx</c>, read through <c>IStringLocalizer&lt;AnalysisText&gt;</c>.
/// </summary>
public sealed class AnalysisText
{
    private AnalysisText()
    {
    }
}
