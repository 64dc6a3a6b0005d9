using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MudBlazor;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Imports.Pages;

/// <summary>
/// One written import, kept for good: what was imported, by whom and when, what it added and changed, the
/// quarters it touched (links to the overview) and whether it was undone; Admins can undo it here.
/// Admins and OrgBoard see every batch, a DistrictEditor only their own.
/// </summary>
public sealed partial class ImportBatchPage : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private ImportBatch? _batch;
    private bool _loaded;
    private bool _isAdmin;
    private bool _running;
    private string? _error;
    private List<BreadcrumbItem> _crumbs = [];

    [Parameter]
    public int BatchId { get; set; }

    [Inject]
    private IDbContextFactory<AppDbContext> Contexts { get; set; } = default!;

    [Inject]
    private ImportUndo Undo { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ImportText> T { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _crumbs = [new BreadcrumbItem(T["PageTitle"], "/imports"), new BreadcrumbItem(T["BatchTitle", BatchId], null, disabled: true)];
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var user = (await AuthenticationState).User;
        _isAdmin = user.IsInRole(Roles.Admin);
        var seesAll = _isAdmin || user.IsInRole(Roles.OrgBoard);
        var name = user.Identity?.Name ?? string.Empty;
        await using var db = await Contexts.CreateDbContextAsync(_cts.Token);
        _batch = await db.ImportBatches.AsNoTracking()
            .Where(b => b.Id == BatchId && (seesAll || b.CreatedBy == name))
            .SingleOrDefaultAsync(_cts.Token);
        _loaded = true;
    }

    private async Task UndoAsync()
    {
        _error = null;
        _running = true;
        try
        {
            var user = (await AuthenticationState).User;
            await Undo.UndoAsync(BatchId, ImportActor.From(user), _cts.Token);
            await LoadAsync();
        }
        catch (ImportRefusedException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _running = false;
        }
    }

    private string StatusText(ImportBatch batch) => batch.Status == ImportBatchStatus.Undone
        ? T["BatchUndoneByAt", batch.UndoneBy ?? string.Empty, batch.UndoneAt is { } at ? LocalTime(at) : string.Empty]
        : T["PageCompleted"];

    private static IEnumerable<Quarter> Quarters(ImportBatch batch) =>
        batch.Quarters.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => Quarter.FromKey(int.Parse(k, CultureInfo.InvariantCulture)));

    private static string LocalTime(DateTimeOffset at) =>
        AppClock.ToLocal(at).ToString("G", CultureInfo.CurrentCulture);

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
