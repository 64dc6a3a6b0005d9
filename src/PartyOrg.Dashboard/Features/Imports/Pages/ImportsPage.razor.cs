using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Imports.Pages;

/// <summary>
/// Choose a kind, get its template, upload a file: it is previewed (a dry run as a background job), the
/// problems are listed, and a confirmed import runs as a job with a progress bar; Admins undo batches here.
/// </summary>
public sealed partial class ImportsPage : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private string _kind = ImportKinds.Meetings;
    private string _fileKind = ImportKinds.Meetings;
    private byte[]? _file;
    private string? _fileName;
    private ImportProgress? _progress;
    private string? _error;
    private bool _running;
    private bool _isAdmin;
    private string _user = string.Empty;
    private IReadOnlyList<ImportBatch> _batches = [];

    [Inject]
    private ImportJobs Jobs { get; set; } = default!;

    [Inject]
    private ImportProgressStore Progress { get; set; } = default!;

    [Inject]
    private ImportUndo Undo { get; set; } = default!;

    [Inject]
    private IDbContextFactory<AppDbContext> Contexts { get; set; } = default!;

    [Inject]
    private IOptions<ImportOptions> Options { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ImportText> T { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Ui> Ui { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool Busy => _running;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _isAdmin = user.IsInRole(Roles.Admin);
        _user = user.Identity?.Name ?? string.Empty;
        await LoadBatchesAsync();
    }

    private async Task LoadBatchesAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync(_cts.Token);
        var query = db.ImportBatches.AsNoTracking();
        if (!_isAdmin)
        {
            query = query.Where(b => b.CreatedBy == _user);
        }

        _batches = await query.OrderByDescending(b => b.Id).Take(100).ToListAsync(_cts.Token);
    }

    private async Task OnFileAsync(InputFileChangeEventArgs e)
    {
        _error = null;
        _progress = null;
        var max = Options.Value.MaxFileBytes;
        if (e.File.Size > max)
        {
            _error = T["FileTooLarge", e.File.Size / 1024.0 / 1024.0, max / 1024.0 / 1024.0];
            return;
        }

        using var buffer = new MemoryStream();
        await using (var upload = e.File.OpenReadStream(max, _cts.Token))
        {
            await upload.CopyToAsync(buffer, _cts.Token);
        }

        _file = buffer.ToArray();
        _fileName = e.File.Name;

        // Confirming writes the file as the kind it was previewed as, even if the selection changed since.
        _fileKind = _kind;
        await RunAsync(dryRun: true);
    }

    private Task ConfirmAsync() => RunAsync(dryRun: false);

    private async Task RunAsync(bool dryRun)
    {
        if (_file is null || _fileName is null)
        {
            return;
        }

        _running = true;
        try
        {
            using var content = new MemoryStream(_file);
            var id = await Jobs.EnqueueAsync(_fileKind, _fileName, content, _user, dryRun, null, _cts.Token);
            _progress = Progress.Get(id);
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(300), Time);
            while (await timer.WaitForNextTickAsync(_cts.Token))
            {
                _progress = Progress.Get(id);
                StateHasChanged();
                if (_progress?.Phase is ImportPhase.Done or ImportPhase.Failed or null)
                {
                    break;
                }
            }

            if (!dryRun)
            {
                await LoadBatchesAsync();
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            // The page was left; the job goes on in the background.
        }
        finally
        {
            _running = false;
        }
    }

    private async Task UndoAsync(int batchId)
    {
        _error = null;
        _running = true;
        try
        {
            var user = (await AuthenticationState).User;
            await Undo.UndoAsync(batchId, ImportActor.From(user), _cts.Token);
            await LoadBatchesAsync();
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

    /// <summary>
    /// The bar while a job runs, and full once an import was written: a small file is done before the first
    /// poll, and the bar then still shows that everything was written.
    /// </summary>
    private static bool ShowsProgress(ImportProgress p) =>
        p.Phase is ImportPhase.Queued or ImportPhase.Validating or ImportPhase.Writing
        || (p.Phase == ImportPhase.Done && p.Report?.Outcome == ImportOutcome.Imported);

    private static double Percent(ImportProgress p) => p.RowsToWrite == 0 ? 0 : 100.0 * p.RowsWritten / p.RowsToWrite;

    private string PhaseText(ImportProgress p) => p.Phase switch
    {
        ImportPhase.Queued => T["PagePhaseQueued"],
        ImportPhase.Validating => T["PagePhaseValidating", p.RowsValidated],
        ImportPhase.Writing => T["PagePhaseWriting", p.RowsWritten, p.RowsToWrite],
        _ => T["PagePhaseWritten", p.RowsWritten, p.RowsToWrite],
    };

    private string OutcomeText(ImportReport report) => report.Outcome switch
    {
        ImportOutcome.Rejected => T["PageOutcomeRejected", report.RejectedRows],
        ImportOutcome.Previewed => T["PageOutcomePreviewed"],
        ImportOutcome.NothingNew => T["PageOutcomeNothingNew"],
        _ => T["PageOutcomeImported", report.BatchId?.ToString(CultureInfo.CurrentCulture) ?? string.Empty],
    };

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
