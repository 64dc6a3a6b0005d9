using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Audit.Pages;

/// <summary>
/// The audit log for Admins, newest first, one page at a time from the server. The filters live in
/// the URL (<c>/admin/audit?actor=…&amp;action=MeetingForm&amp;from=2026-11-01&amp;to=2026-11-30</c>), so a
/// link reproduces the view.
/// </summary>
public sealed partial class AuditPage
{
    private MudTable<AuditRow>? _table;
    private AuditFilter _filter = new();
    private AuditFilter? _loaded;
    private IReadOnlyList<string> _actors = [];

    [SupplyParameterFromQuery(Name = "actor")]
    private string? ActorQuery { get; set; }

    [SupplyParameterFromQuery(Name = "action")]
    private string? ActionQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    private string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    private string? ToQuery { get; set; }

    [Inject]
    private AuditQueryService Audit { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<AuditText> L { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> U { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _filter = new AuditFilter(
            string.IsNullOrWhiteSpace(ActorQuery) ? null : ActorQuery.Trim(),
            Enum.TryParse<AuditAction>(ActionQuery, ignoreCase: true, out var action) && Enum.IsDefined(action) ? action : null,
            ParseDay(FromQuery),
            ParseDay(ToQuery));
        _actors = await Audit.ActorsAsync(CancellationToken.None);
        if (_table is not null && _loaded is not null && _loaded != _filter)
        {
            await _table.ReloadServerData();
        }
    }

    private async Task<TableData<AuditRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        _loaded = _filter;
        var page = await Audit.PageAsync(_filter, state.Page, state.PageSize, cancellationToken);
        return new TableData<AuditRow> { Items = page.Rows, TotalItems = page.Total };
    }

    private void Filter(string name, string? value) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(name, string.IsNullOrWhiteSpace(value) ? null : value));

    private string ActionName(AuditAction action) => L["Action" + action];

    private static string LocalTime(DateTimeOffset at) =>
        AppClock.ToLocal(at).ToString("G", CultureInfo.CurrentCulture);

    private static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static DateTime? ToDateTime(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static string? Iso(DateTime? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Marker for <c>AuditText.resx</c> (Vietnamese) and <c>AuditText.en.resx</c>.</summary>
public sealed class AuditText
{
    private AuditText()
    {
    }
}
