using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Meetings.Entry;

/// <summary>A cell's meetings in a quarter with a link to correct each (<c>/meetings?unit=CODE&amp;quarter=2026-Q4</c>).</summary>
public sealed partial class MeetingListPage
{
    private readonly Dictionary<string, string> _cellNames = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<MeetingListItem>? _meetings;
    private CellOption? _cell;
    private Quarter _quarter;

    [SupplyParameterFromQuery(Name = "unit")]
    private string? UnitQuery { get; set; }

    [SupplyParameterFromQuery(Name = "quarter")]
    private string? QuarterText { get; set; }

    [Inject]
    private MeetingEntryService Entry { get; set; } = default!;

    [Inject]
    private AppClock Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<MeetingEntryText> L { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> U { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string NewHref => string.IsNullOrWhiteSpace(UnitQuery) ? "/meetings/new" : $"/meetings/new?unit={Uri.EscapeDataString(UnitQuery)}";

    protected override async Task OnParametersSetAsync()
    {
        // The open quarter by default: the one meetings are being entered for.
        _quarter = Quarter.TryParse(QuarterText, out var chosen) ? chosen : Quarter.Containing(Clock.Today);
        _meetings = null;
        _cell = null;
        if (string.IsNullOrWhiteSpace(UnitQuery))
        {
            return;
        }

        var user = (await AuthenticationState).User;
        _meetings = await Entry.ListAsync(user, UnitQuery, _quarter, CancellationToken.None);
        _cell = await Entry.FindCellAsync(user, UnitQuery, _quarter.End, CancellationToken.None);
        if (_cell is not null)
        {
            _cellNames[_cell.Code] = _cell.Name;
        }
    }

    private async Task<IEnumerable<string>> SearchCellsAsync(string? text, CancellationToken cancellationToken)
    {
        var user = (await AuthenticationState).User;
        var cells = await Entry.FindCellsAsync(user, _quarter.End < Clock.Today ? _quarter.End : Clock.Today, text, 30, cancellationToken);
        foreach (var cell in cells)
        {
            _cellNames[cell.Code] = cell.Name;
        }

        return cells.Select(c => c.Code);
    }

    private string CellText(string? code) =>
        code is null ? string.Empty : _cellNames.TryGetValue(code, out var name) ? $"{code} — {name}" : code;

    private void PickCell(string? code) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["unit"] = code, ["quarter"] = _quarter.ToString() }));
}
