namespace PartyOrg.Dashboard.Features.Briefings.Archive;

/// <summary>
/// The Briefings page's texts: <c>BriefingText.resx</c> (Vietnamese, the neutral language) and
/// <c>BriefingText.en.resx</c>, read through <c>IStringLocalizer&lt;BriefingText&gt;</c>.
/// </summary>
public sealed class BriefingText
{
    private BriefingText()
    {
    }
}
