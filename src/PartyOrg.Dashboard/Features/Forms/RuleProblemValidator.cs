using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using PartyOrg.Dashboard.Features.Meetings;

namespace PartyOrg.Dashboard.Features.Forms;

/// <summary>
/// Puts <see cref="RuleProblem"/>s on an <see cref="EditForm"/>'s fields: a problem's
/// <see cref="RuleProblem.Field"/> names a property of the form's model, so the MudBlazor input bound
/// to it (<c>For="() => model.Present"</c>) shows the message under itself. After every change the
/// rules run again; a problem shows once its field, or a field of the same group, has been touched.
/// Problems from the server (scope, duplicate) show at once and stay until their field changes.
/// </summary>
public sealed class RuleProblemValidator : ComponentBase, IDisposable
{
    private readonly List<RuleProblem> _server = [];
    private ValidationMessageStore? _store;
    private EditContext? _context;
    private bool _showAll;

    [CascadingParameter]
    private EditContext? CurrentEditContext { get; set; }

    /// <summary>The problems of the model as it is now.</summary>
    [Parameter, EditorRequired]
    public Func<IReadOnlyList<RuleProblem>> Rules { get; set; } = default!;

    /// <summary>Fields that are judged together (the attendance counts): touching one shows the problems of all.</summary>
    [Parameter]
    public IReadOnlyList<IReadOnlySet<string>> Groups { get; set; } = [];

    /// <summary>The problems of the model now, server problems included.</summary>
    public IReadOnlyList<RuleProblem> Problems => [.. Rules(), .. _server];

    /// <summary>Shows every problem, touched or not (after a failed save, or when editing a stored row).</summary>
    public void ShowAll()
    {
        _showAll = true;
        Refresh();
    }

    /// <summary>Shows the problems the server found; they stay until their field is edited.</summary>
    public void ShowServerProblems(IEnumerable<RuleProblem> problems)
    {
        _server.Clear();
        _server.AddRange(problems);
        _showAll = true;
        Refresh();
    }

    public void Dispose()
    {
        if (_context is not null)
        {
            _context.OnFieldChanged -= FieldChanged;
            _context.OnValidationRequested -= ValidationRequested;
        }
    }

    protected override void OnParametersSet()
    {
        if (CurrentEditContext is null)
        {
            throw new InvalidOperationException($"{nameof(RuleProblemValidator)} must be placed inside an EditForm.");
        }

        if (!ReferenceEquals(CurrentEditContext, _context))
        {
            Dispose();
            _context = CurrentEditContext;
            _store = new ValidationMessageStore(_context);
            _context.OnFieldChanged += FieldChanged;
            _context.OnValidationRequested += ValidationRequested;
        }
    }

    private void FieldChanged(object? sender, FieldChangedEventArgs e)
    {
        _server.RemoveAll(p => p.Field == e.FieldIdentifier.FieldName);
        Refresh();
    }

    private void ValidationRequested(object? sender, ValidationRequestedEventArgs e)
    {
        _showAll = true;
        Refresh();
    }

    private void Refresh()
    {
        if (_context is null || _store is null)
        {
            return;
        }

        _store.Clear();
        var model = _context.Model;
        foreach (var problem in Problems)
        {
            if (_showAll || Touched(model, problem.Field))
            {
                _store.Add(new FieldIdentifier(model, problem.Field), problem.Message);
            }
        }

        _context.NotifyValidationStateChanged();
    }

    private bool Touched(object model, string field) =>
        _context!.IsModified(new FieldIdentifier(model, field))
        || Groups.Any(g => g.Contains(field) && g.Any(other => _context.IsModified(new FieldIdentifier(model, other))));
}
