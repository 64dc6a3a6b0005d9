using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Dashboard.Components;

/// <summary>
/// The explanation ("Đảng bộ huyện Tiểu Cần kết thúc ngày 01/07/2025; các đơn vị kế thừa:") and the root units
/// of a scope that stands for several units in the quarter, each a link that drills as usual.
/// </summary>
public sealed partial class ScopeLandingView
{
    [Inject]
    private IStringLocalizer<ScopeText> T { get; set; } = default!;

    [Parameter, EditorRequired]
    public ScopeLanding Landing { get; set; } = default!;

    [Parameter, EditorRequired]
    public Quarter Quarter { get; set; }

    /// <summary>Where a unit's link goes (the unit page, or the same analysis page for that unit).</summary>
    [Parameter, EditorRequired]
    public Func<string, string> Href { get; set; } = default!;

    private string QuarterLabel => Quarter.ToDisplayString(CultureInfo.CurrentCulture);

    private string Explanation
    {
        get
        {
            var date = Landing.ChangedOn?.ToString("d", CultureInfo.CurrentCulture) ?? string.Empty;
            return Landing.Resolution == ScopeResolution.Predecessors
                ? T["Predecessors", Landing.AssignedName, date]
                : T["Successors", Landing.AssignedName, date];
        }
    }
}
