using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Dashboard.Components;

/// <summary>A cell's meetings in the quarter, as recorded.</summary>
public sealed partial class CellMeetings
{
    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [Parameter, EditorRequired]
    public IReadOnlyList<MeetingRow> Meetings { get; set; } = [];

    private static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);
}
