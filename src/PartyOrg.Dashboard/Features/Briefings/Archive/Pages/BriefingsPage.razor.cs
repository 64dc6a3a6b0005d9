using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;
using PartyOrg.Dashboard.Components.Controls;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Briefings.Archive.Pages;

/// <summary>
/// The archive of briefings the user may see, filtered by quarter and unit in the URL
/// (<c>/briefings?quarter=2024-Q4&amp;scope=TC</c>) and paged on the server; "generate now" queues a job
/// and follows it until it is done.
/// </summary>
public sealed partial class BriefingsPage : IDisposable
{
    /// <summary>How often the page asks Hangfire about a queued generation.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _disposed = new();
    private MudTable<ArchivedBriefingInfo>? _table;
    private ClaimsPrincipal _user = new();
    private IReadOnlyList<Quarter> _quarters = [];
    private IReadOnlyList<OrgNode> _scopeChoices = [];
    private Quarter? _quarter;
    private string? _scope;
    private string? _badQuarterText;
    private OrgNode? _generateTarget;
    private Quarter _generateQuarter;
    private string _culture = BriefingCultures.Vietnamese;
    private bool _generating;
    private string _generatingLabel = string.Empty;
    private BriefingJobState _jobState;
    private string? _outcome;
    private bool _outcomeFailed;
    private int _total;

    [Inject]
    private BriefingArchive Archive { get; set; } = default!;

    [Inject]
    private BriefingAccess Access { get; set; } = default!;

    [Inject]
    private BriefingScheduler Scheduler { get; set; } = default!;

    [Inject]
    private AppClock Clock { get; set; } = default!;

    [Inject]
    private IOptions<BriefingOptions> Options { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<BriefingArchiveText> T { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> L { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "quarter")]
    private string? QuarterText { get; set; }

    [SupplyParameterFromQuery(Name = "scope")]
    private string? ScopeText { get; set; }

    private string GenerateQuarterLabel => _generateQuarter.ToDisplayString(CultureInfo.CurrentCulture);

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    protected override async Task OnParametersSetAsync()
    {
        _user = (await AuthenticationState).User;
        _quarters = Quarter.Range(QuarterPicker.First, Clock.LastClosedQuarter).Reverse().ToList();
        _badQuarterText = null;
        _quarter = null;
        if (!string.IsNullOrWhiteSpace(QuarterText))
        {
            if (Quarter.TryParse(QuarterText, out var chosen))
            {
                _quarter = chosen;
            }
            else
            {
                _badQuarterText = QuarterText;
            }
        }

        _scope = string.IsNullOrWhiteSpace(ScopeText) ? null : ScopeText.Trim();

        // The units offered (and the one "generate now" targets) are those of the chosen quarter, else the last closed one.
        _generateQuarter = _quarter ?? Clock.LastClosedQuarter;
        var offered = await Access.ScopeChoicesAsync(_user, _generateQuarter, _disposed.Token);
        var choices = offered.Units;
        var chosenUnit = _scope is null ? null : offered.Tree.Find(_scope);
        _scopeChoices = chosenUnit is not null && !choices.Any(c => c.Id == chosenUnit.Id) && offered.Scope.CanSee(chosenUnit)
            ? [.. choices, chosenUnit]
            : choices;
        var target = _scope is null ? (choices.Count > 0 ? choices[0] : null) : chosenUnit;
        _generateTarget = target is not null && BriefingAccess.CanGenerate(_user, offered.Scope, target) ? target : null;

        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private async Task<TableData<ArchivedBriefingInfo>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await Archive.ListAsync(_user, _quarter, _scope, state.Page, state.PageSize, cancellationToken);
        _total = page.Total;
        return new TableData<ArchivedBriefingInfo> { Items = page.Items, TotalItems = page.Total };
    }

    private void ChooseQuarter(string value) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("quarter", string.IsNullOrEmpty(value) ? null : value));

    private void ChooseScope(string value) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("scope", string.IsNullOrEmpty(value) ? null : value));

    /// <summary>Queues the generation, then asks every two seconds how the job stands, and reloads the list when it is done.</summary>
    private async Task GenerateAsync()
    {
        if (_generating || _generateTarget is not { } target)
        {
            return;
        }

        _generating = true;
        _outcome = null;
        _jobState = BriefingJobState.Queued;
        _generatingLabel = T["GenerateTarget", target.Name, GenerateQuarterLabel];
        var stopping = _disposed.Token;
        var jobId = Scheduler.EnqueueGenerate(_generateQuarter, target.Code, _culture, BriefingAccess.RequesterOf(_user));
        using var timer = new PeriodicTimer(PollInterval, Clock.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                var status = Scheduler.GetStatus(jobId);
                _jobState = status.State;
                if (status.State is BriefingJobState.Queued or BriefingJobState.Running)
                {
                    StateHasChanged();
                    continue;
                }

                _outcomeFailed = status.State != BriefingJobState.Succeeded;
                _outcome = status.State switch
                {
                    BriefingJobState.Succeeded => T["GenerateDone"],
                    BriefingJobState.Failed => T["GenerateFailed", status.Message ?? string.Empty],
                    _ => T["GenerateLost"],
                };
                break;
            }

            _generating = false;
            if (_table is not null)
            {
                await _table.ReloadServerData();
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left while waiting.
        }
        finally
        {
            _generating = false;
        }
    }

    private string LanguageLabel(string culture) => culture == BriefingCultures.English ? T["LanguageEn"] : T["LanguageVi"];

    private string GeneratedByLabel(string by) => by == BriefingScheduleRunner.Requester ? T["BySchedule"] : by;

    private static string LocalTime(DateTimeOffset at) =>
        AppClock.ToLocal(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.CurrentCulture);

    /// <summary>"245 KB", "1,2 MB" (vi) / "1.2 MB" (en).</summary>
    internal static string SizeText(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes / 1024.0:N0} KB"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{bytes / (1024.0 * 1024):N1} MB"),
    };
}
