using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Features.Forms;
using PartyOrg.Dashboard.Features.Meetings;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Practices.Catalogue;

/// <summary>Creates or edits one practice; the code is fixed once the practice exists.</summary>
public sealed partial class PracticeEditor
{
    private PracticeFormModel _model = new();
    private EditContext? _context;
    private RuleProblemValidator? _validator;
    private bool _saving;
    private PracticeRow? _shown;

    [Parameter]
    public PracticeRow? Existing { get; set; }

    /// <summary>Raised with the practice's code once it is saved.</summary>
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
        // A re-render of the page keeps what was typed; another practice starts afresh.
        if (_context is not null && ReferenceEquals(_shown, Existing))
        {
            return;
        }

        _shown = Existing;
        _model = Existing is null ? new PracticeFormModel { OriginDate = Clock.Today.ToDateTime(TimeOnly.MinValue) } : PracticeFormModel.From(Existing);
        _context = new EditContext(_model);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            StateHasChanged();
        }
    }

    private IReadOnlyList<RuleProblem> Problems() => PracticeCatalogueService.Check(_model.ToInput(), Clock.Today);

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var result = await Catalogue.SavePracticeAsync((await AuthenticationState).User, Existing?.Id, _model.ToInput(), CancellationToken.None);
            if (!result.Saved)
            {
                _validator?.ShowServerProblems(result.Problems);
                return;
            }

            await Saved.InvokeAsync(_model.Code.Trim());
        }
        finally
        {
            _saving = false;
        }
    }
}
