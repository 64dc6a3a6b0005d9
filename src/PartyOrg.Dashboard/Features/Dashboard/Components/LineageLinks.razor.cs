using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Dashboard.Components;

/// <summary>Links to the units a unit came from or went to, each opened in a quarter when it existed.</summary>
public sealed partial class LineageLinks
{
    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Title { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public IReadOnlyList<LineageTarget> Targets { get; set; } = [];

    [Parameter, EditorRequired]
    public string TestId { get; set; } = string.Empty;

    private string Text(LineageTarget t) =>
        L["UnitLineageLink", t.Name, L[$"Lineage{t.Kind}"], t.EffectiveDate.ToString("d", CultureInfo.CurrentCulture)];
}
