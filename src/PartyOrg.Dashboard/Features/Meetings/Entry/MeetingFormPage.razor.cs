using System.Globalization;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Features.Forms;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Meetings.Entry;

/// <summary>
/// Enters (<c>/meetings/new?unit=CODE</c>) or corrects (<c>/meetings/{id}/edit</c>) one cell meeting.
/// The shared <see cref="MeetingRules"/> run on every change and show under the field they name; the
/// save button stays disabled while any rule is broken; the service checks scope and duplicates again.
/// </summary>
public sealed partial class MeetingFormPage
{
    private static readonly IReadOnlyList<IReadOnlySet<string>> Groups = [MeetingFormModel.Counts];
    private readonly Dictionary<string, string> _cellNames = new(StringComparer.OrdinalIgnoreCase);
    private MeetingFormModel? _model;
    private EditContext? _context;
    private RuleProblemValidator? _validator;
    private MeetingUnit? _unit;
    private int? _meetingId;
    private bool _notFound;
    private bool _saving;
    private bool _ready;
    private string? _savedMessage;
    private IReadOnlyList<CountField> _countFields = [];

    [Parameter]
    public int? Id { get; set; }

    [SupplyParameterFromQuery(Name = "unit")]
    private string? UnitQuery { get; set; }

    [Inject]
    private MeetingEntryService Entry { get; set; } = default!;

    [Inject]
    private AppClock Clock { get; set; } = default!;

    [Inject]
    private IStringLocalizer<MeetingEntryText> L { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> U { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string Title => _meetingId is null ? L["NewTitle"] : L["EditTitle"];

    private DateTime Today => Clock.Today.ToDateTime(TimeOnly.MinValue);

    private IReadOnlyList<CountField> CountFields => _countFields;

    private bool CanSave => !_saving && _validator is not null && _validator.Problems.Count == 0;

    private string ListHref =>
        $"/meetings?unit={Uri.EscapeDataString(_model?.UnitCode ?? string.Empty)}&quarter={Quarter.Containing(_model?.Day ?? Clock.Today)}";

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        _savedMessage = null;
        _notFound = false;
        if (Id is { } id)
        {
            if (await Entry.LoadAsync(user, id, CancellationToken.None) is not { } stored)
            {
                _notFound = true;
                _model = null;
                return;
            }

            _meetingId = stored.Id;
            _cellNames[stored.Input.UnitCode] = stored.CellName;
            Bind(MeetingFormModel.From(stored.Input));
            _unit = await Entry.RulesUnitAsync(stored.Input.UnitCode, stored.Input.Date, CancellationToken.None);
        }
        else
        {
            _meetingId = null;
            var model = new MeetingFormModel { Date = Today };
            if (!string.IsNullOrWhiteSpace(UnitQuery) && await Entry.FindCellAsync(user, UnitQuery, Clock.Today, CancellationToken.None) is { } cell)
            {
                model.UnitCode = cell.Code;
                _cellNames[cell.Code] = cell.Name;
                _unit = await Entry.RulesUnitAsync(cell.Code, Clock.Today, CancellationToken.None);
            }

            Bind(model);
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // The validator exists after the first render: the save button's state depends on it.
        if (firstRender)
        {
            _ready = true;
            StateHasChanged();
        }
    }

    private void Bind(MeetingFormModel model)
    {
        _model = model;
        _context = new EditContext(model);
        _countFields =
        [
            new("FieldExpected", "field-expected", () => model.Expected, v => model.Expected = v, () => model.Expected),
            new("FieldPresent", "field-present", () => model.Present, v => model.Present = v, () => model.Present),
            new("FieldAbsentWithReason", "field-absent-reason", () => model.AbsentWithReason, v => model.AbsentWithReason = v, () => model.AbsentWithReason),
            new("FieldAbsentWithoutReason", "field-absent-no-reason", () => model.AbsentWithoutReason, v => model.AbsentWithoutReason = v, () => model.AbsentWithoutReason),
            new("FieldExempt", "field-exempt", () => model.ExemptAttended, v => model.ExemptAttended = v, () => model.ExemptAttended),
            new("FieldSpeakers", "field-speakers", () => model.Speakers, v => model.Speakers = v, () => model.Speakers),
        ];
    }

    private List<RuleProblem> Problems()
    {
        if (_model is null)
        {
            return [];
        }

        var problems = MeetingRules.Check(_model.ToInput(), _unit, Clock.Today)
            .Where(p => !(p.Field == nameof(MeetingInput.UnitCode) && _model.UnitCode is null))
            .Where(p => !(p.Field == nameof(MeetingInput.Date) && _model.Date is null))
            .ToList();
        if (string.IsNullOrWhiteSpace(_model.UnitCode))
        {
            problems.Insert(0, new RuleProblem(nameof(MeetingInput.UnitCode), L["CellRequired"]));
        }

        if (_model.Date is null)
        {
            problems.Add(new RuleProblem(nameof(MeetingInput.Date), L["DateRequired"]));
        }

        return problems;
    }

    private async Task<IEnumerable<string>> SearchCellsAsync(string? text, CancellationToken cancellationToken)
    {
        var user = (await AuthenticationState).User;
        var cells = await Entry.FindCellsAsync(user, _model?.Day ?? Clock.Today, text, 30, cancellationToken);
        foreach (var cell in cells)
        {
            _cellNames[cell.Code] = cell.Name;
        }

        return cells.Select(c => c.Code);
    }

    private string CellText(string? code) =>
        code is null ? string.Empty : _cellNames.TryGetValue(code, out var name) ? $"{code} — {name}" : code;

    private async Task CellChangedAsync(string? code)
    {
        _model!.UnitCode = code;
        _unit = code is null ? null : await Entry.RulesUnitAsync(code, _model.Day ?? Clock.Today, CancellationToken.None);
        _context!.NotifyFieldChanged(_context.Field(nameof(MeetingFormModel.UnitCode)));
    }

    private async Task DateChangedAsync(DateTime? date)
    {
        _model!.Date = date;
        if (_model.UnitCode is { } code && date is not null)
        {
            _unit = await Entry.RulesUnitAsync(code, DateOnly.FromDateTime(date.Value), CancellationToken.None);
        }

        _context!.NotifyFieldChanged(_context.Field(nameof(MeetingFormModel.Date)));
    }

    private async Task SaveAsync()
    {
        if (_model is null || _validator is null || _validator.Problems.Count > 0)
        {
            _validator?.ShowAll();
            return;
        }

        _saving = true;
        _savedMessage = null;
        try
        {
            var user = (await AuthenticationState).User;
            var input = _model.ToInput();
            var result = await Entry.SaveAsync(user, _meetingId, input, CancellationToken.None);
            if (!result.Saved)
            {
                _validator.ShowServerProblems(result.Problems);
                return;
            }

            _meetingId = result.MeetingId;
            var quarter = Quarter.Containing(input.Date).ToDisplayString(CultureInfo.CurrentCulture);
            _savedMessage = result.Created
                ? L["Saved", input.UnitCode, input.Date, quarter]
                : L["Corrected", input.UnitCode, input.Date, quarter];
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>One of the attendance counts: its label, test hook, value and the expression that names its field.</summary>
    private sealed record CountField(string Label, string TestId, Func<int> Get, Action<int> Set, Expression<Func<int>> For);
}
