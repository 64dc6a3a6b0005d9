namespace PartyOrg.Dashboard.Features.Briefings.Archive;

/// <summary>
/// The Briefings page's texts: <c>BriefingArchiveText.resx</c> (Vietnamese, the neutral language) and
/// <c>BriefingArchiveText.en.resx</c>, read through <c>IStringLocalizer&lt;BriefingArchiveText&gt;</c>.
/// </summary>
public sealed class BriefingArchiveText
{
    private BriefingArchiveText()
    {
    }
}
