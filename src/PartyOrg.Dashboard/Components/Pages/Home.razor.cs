using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using PartyOrg.Dashboard.Components.Charts;
using PartyOrg.Dashboard.Features.Overview;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Components.Pages;

/// <summary>The province (or a district editor's unit) in one quarter: name, quarter and headline figures.</summary>
public partial class Home
{
    private OverviewSummary? _summary;
    private IReadOnlyList<Kpi> _kpis = [];
    private IReadOnlyList<string> _memberCategories = [];
    private IReadOnlyList<ChartSeries> _memberSeries = [];
    private Quarter _quarter;
    private string? _badQuarterText;
    private bool _loaded;

    [Inject]
    private OverviewService Overview { get; set; } = default!;

    [Inject]
    private AppClock Clock { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary><c>?quarter=2024-Q4</c>; absent: the last closed quarter.</summary>
    [SupplyParameterFromQuery(Name = "quarter")]
    private string? QuarterText { get; set; }

    private string QuarterLabel => _quarter.ToDisplayString(CultureInfo.CurrentCulture);

    protected override async Task OnParametersSetAsync()
    {
        _badQuarterText = null;
        if (string.IsNullOrWhiteSpace(QuarterText))
        {
            _quarter = Clock.LastClosedQuarter;
        }
        else if (Quarter.TryParse(QuarterText, out var chosen))
        {
            _quarter = chosen;
        }
        else
        {
            _quarter = Clock.LastClosedQuarter;
            _badQuarterText = QuarterText;
        }

        var user = (await AuthenticationState).User;
        _summary = await Overview.GetAsync(user, _quarter);
        _kpis = _summary is null ? [] : Kpis(_summary);
        if (_summary is not null)
        {
            // Members split into those required to attend meetings and those exempt (they add up).
            _memberCategories = [L["KpiEligible"], L["KpiExempt"]];
            _memberSeries = [new ChartSeries(L["KpiMembers"], [_summary.Eligible, _summary.Exempt])];
        }

        _loaded = true;
    }

    private static List<Kpi> Kpis(OverviewSummary s) =>
    [
        new("KpiMembers", s.Members, "kpi-members", Icons.Material.Filled.Groups),
        new("KpiExempt", s.Exempt, "kpi-exempt", Icons.Material.Filled.PersonOff),
        new("KpiEligible", s.Eligible, "kpi-eligible", Icons.Material.Filled.HowToReg),
        new("KpiGrassroots", s.GrassrootsOrganisations, "kpi-grassroots", Icons.Material.Filled.AccountBalance),
        new("KpiCells", s.Cells, "kpi-cells", Icons.Material.Filled.Hub),
        new("KpiUpperCommittees", s.UpperCommittees, "kpi-upper-committees", Icons.Material.Filled.AccountTree),
        new("KpiCommuneLevel", s.CommuneLevel, "kpi-commune-level", Icons.Material.Filled.Place),
    ];

    private sealed record Kpi(string LabelKey, int Value, string TestId, string Icon);
}
