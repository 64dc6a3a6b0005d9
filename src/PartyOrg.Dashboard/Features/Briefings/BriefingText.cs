namespace PartyOrg.Dashboard.Features.Briefings;

/// <summary>
/// The briefing documents' texts: <c>BriefingText.resx</c> holds Vietnamese (the neutral language),
/// <c>BriefingText.en.resx</c> English. Read through <see cref="Documents.BriefingTexts"/>, which pins the culture.
/// </summary>
public sealed class BriefingText
{
    private BriefingText()
    {
    }
}
