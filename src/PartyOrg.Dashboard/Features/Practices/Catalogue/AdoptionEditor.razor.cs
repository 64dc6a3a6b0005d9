using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Features.Forms;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Practices.Catalogue;

/// <summary>Records or corrects one unit's adoption of a practice.</summary>
public sealed partial class AdoptionEditor
{
    private readonly Dictionary<string, string> _unitNames = new(StringComparer.OrdinalIgnoreCase);
    private AdoptionFormModel _model = new();
    private EditContext? _context;
    private RuleProblemValidator? _validator;
    private AdoptionRow? _shown;
    private bool _saving;

    [Parameter, EditorRequired]
    public PracticeRow Practice { get; set; } = default!;

    [Parameter]
    public AdoptionRow? Existing { get; set; }

    /// <summary>Raised with the unit's code once the adoption is saved.</summary>
    [Parameter]
    public EventCallback<string> Saved { get; set; }

    [Parameter]
    public EventCallback Cancelled { get; set; }

    [Inject]
    private PracticeCatalogueService Catalogue { get; set; } = default!;

    [Inject]
    private AppClock Clock { get; set; } = default!;

    [Inject]
    private IStringLocalizer<PracticeCatalogueText> L { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool CanSave => !_saving && _validator is not null && _validator.Problems.Count == 0;

    protected override void OnParametersSet()
    {
        if (_context is not null && ReferenceEquals(_shown, Existing))
        {
            return;
        }

        _shown = Existing;
        _model = Existing is null ? new AdoptionFormModel { StartedOn = Clock.Today.ToDateTime(TimeOnly.MinValue) } : AdoptionFormModel.From(Existing);
        if (Existing is not null)
        {
            _unitNames[Existing.UnitCode] = Existing.UnitName;
        }

        _context = new EditContext(_model);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            StateHasChanged();
        }
    }

    private IReadOnlyList<RuleProblem> Problems() => PracticeCatalogueService.Check(_model.ToInput());

    private async Task<IEnumerable<string>> SearchUnitsAsync(string? text, CancellationToken cancellationToken)
    {
        var date = _model.StartedOn is { } d ? DateOnly.FromDateTime(d) : Clock.Today;
        var units = await Catalogue.FindTargetUnitsAsync(Practice.Target, date, text, 30, cancellationToken);
        foreach (var unit in units)
        {
            _unitNames[unit.Code] = unit.Name;
        }

        return units.Select(u => u.Code);
    }

    private string UnitText(string? code) =>
        code is null ? string.Empty : _unitNames.TryGetValue(code, out var name) ? $"{code} — {name}" : code;

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var result = await Catalogue.SaveAdoptionAsync((await AuthenticationState).User, Practice.Id, Existing?.Id, _model.ToInput(), CancellationToken.None);
            if (!result.Saved)
            {
                _validator?.ShowServerProblems(result.Problems);
                return;
            }

            await Saved.InvokeAsync(_model.UnitCode ?? string.Empty);
        }
        finally
        {
            _saving = false;
        }
    }
}
