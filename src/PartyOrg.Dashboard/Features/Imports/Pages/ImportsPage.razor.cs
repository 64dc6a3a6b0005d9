using System.Globalization;
using System.Security.Claims;
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
/// Each run has its own address, <c>/imports/{id}</c>, which shows its progress and report as long as the
/// server keeps them (a written import is kept for good on its batch page). The uploaded file waits in a
/// temporary file, not in the circuit's memory.
/// </summary>
public sealed partial class ImportsPage : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private string _kind = ImportKinds.Meetings;
    private string _fileKind = ImportKinds.Meetings;
    private FileStream? _file;
    private string? _fileName;
    private ImportProgress? _progress;
    private bool _missing;
    private string? _previewId;
    private string? _error;
    private bool _running;
    private bool _isAdmin;
    private string _user = string.Empty;
    private ClaimsPrincipal _principal = new();
    private IReadOnlyList<ImportBatch> _batches = [];

    /// <summary>The run to show (from <c>/imports/{id}</c>).</summary>
    [Parameter]
    public string? ProgressId { get; set; }

    [Inject]
    private ImportJobs Jobs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

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
        _principal = user;
        _isAdmin = user.IsInRole(Roles.Admin);
        _user = user.Identity?.Name ?? string.Empty;
        await LoadBatchesAsync();
    }

    protected override void OnParametersSet()
    {
        // A run started on this page is already shown (and polled) under its own address.
        if (ProgressId is null || _progress?.Id == ProgressId)
        {
            return;
        }

        _progress = Progress.Get(ProgressId, _principal);
        _missing = _progress is null;
        if (_progress is { Phase: not (ImportPhase.Done or ImportPhase.Failed) } && RendererInfo.IsInteractive && !_running)
        {
            _ = WatchAsync(ProgressId, reloadBatches: true);
        }
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
        _missing = false;
        var max = Options.Value.MaxFileBytes;
        if (e.File.Size > max)
        {
            _error = T["FileTooLarge", e.File.Size / 1024.0 / 1024.0, max / 1024.0 / 1024.0];
            return;
        }

        if (_file is not null)
        {
            await _file.DisposeAsync();
        }

        var path = Path.Combine(Path.GetTempPath(), $"partyorg-upload-{Guid.NewGuid():N}");
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        if (!OperatingSystem.IsWindows())
        {
            // Unlinked at once: the handle keeps the upload, and a crash leaves no file behind.
            File.Delete(path);
        }

        await using (var upload = e.File.OpenReadStream(max, _cts.Token))
        {
            await upload.CopyToAsync(_file, _cts.Token);
        }

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
        string id;
        try
        {
            _file.Position = 0;
            id = await Jobs.EnqueueAsync(_fileKind, _fileName, _file, _user, dryRun, null, _cts.Token);
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            _running = false;
        }

        _previewId = dryRun ? id : null;
        _progress = Progress.Get(id, _principal);
        _missing = false;
        Navigation.NavigateTo($"/imports/{id}");
        await WatchAsync(id, reloadBatches: !dryRun);
    }

    /// <summary>Polls a run's progress until it is done (or the page is left; the job goes on in the background).</summary>
    private async Task WatchAsync(string id, bool reloadBatches)
    {
        _running = true;
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(300), Time);
            while (await timer.WaitForNextTickAsync(_cts.Token))
            {
                _progress = Progress.Get(id, _principal);
                await InvokeAsync(StateHasChanged);
                if (_progress?.Phase is ImportPhase.Done or ImportPhase.Failed or null)
                {
                    break;
                }
            }

            if (reloadBatches)
            {
                await LoadBatchesAsync();
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            _running = false;
        }

        await InvokeAsync(StateHasChanged);
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
        _file?.Dispose();
    }
}
