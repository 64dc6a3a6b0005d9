namespace PartyOrg.Dashboard.Features.Dashboard;

/// <summary>
/// The texts that explain a scope resolved through lineage (ADR-005): <c>ScopeText.resx</c> (Vietnamese, the
/// neutral language) and <c>ScopeText.en.resx</c>, read through <c>IStringLocalizer&lt;ScopeText&gt;</c>.
/// </summary>
public sealed class ScopeText
{
    private ScopeText()
    {
    }
}
