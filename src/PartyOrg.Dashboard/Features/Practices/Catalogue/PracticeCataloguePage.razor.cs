using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Practices.Catalogue;

/// <summary>The catalogue of models and practices, their editor, and the adoptions of the chosen one.</summary>
public sealed partial class PracticeCataloguePage
{
    private IReadOnlyList<PracticeRow> _practices = [];
    private IReadOnlyList<AdoptionRow> _adoptions = [];
    private PracticeRow? _editingPractice;
    private PracticeRow? _selected;
    private AdoptionRow? _editingAdoption;
    private bool _editing;
    private bool _adoptionEditing;
    private string? _message;

    [Inject]
    private PracticeCatalogueService Catalogue { get; set; } = default!;

    [Inject]
    private IStringLocalizer<PracticeCatalogueText> L { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> U { get; set; } = default!;

    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    protected override async Task OnInitializedAsync() => _practices = await Catalogue.ListAsync(CancellationToken.None);

    private void NewPractice()
    {
        _message = null;
        _editingPractice = null;
        _editing = true;
    }

    private void EditPractice(PracticeRow row)
    {
        _message = null;
        _editingPractice = row;
        _editing = true;
    }

    private async Task ShowAdoptionsAsync(PracticeRow row)
    {
        _message = null;
        _selected = row;
        _adoptionEditing = false;
        _adoptions = await Catalogue.ListAdoptionsAsync(row.Id, CancellationToken.None);
    }

    private void NewAdoption()
    {
        _message = null;
        _editingAdoption = null;
        _adoptionEditing = true;
    }

    private void EditAdoption(AdoptionRow row)
    {
        _message = null;
        _editingAdoption = row;
        _adoptionEditing = true;
    }

    private void CloseEditors()
    {
        _editing = false;
        _adoptionEditing = false;
    }

    private async Task PracticeSavedAsync(string code)
    {
        _editing = false;
        _message = L["PracticeSaved", code];
        _practices = await Catalogue.ListAsync(CancellationToken.None);
        if (_selected is not null)
        {
            _selected = _practices.FirstOrDefault(p => p.Id == _selected.Id);
        }
    }

    private async Task AdoptionSavedAsync(string unitCode)
    {
        _adoptionEditing = false;
        _message = L["AdoptionSaved", _selected!.Code, unitCode];
        _adoptions = await Catalogue.ListAdoptionsAsync(_selected.Id, CancellationToken.None);
        _practices = await Catalogue.ListAsync(CancellationToken.None);
        _selected = _practices.FirstOrDefault(p => p.Id == _selected.Id) ?? _selected;
    }
}
