using System.Globalization;
using System.Text;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Infrastructure;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;
using PartyOrg.Dashboard.Tests.Aggregates;
using PartyOrg.Dashboard.Tests.Infrastructure;

[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:PartyOrg.Dashboard.Tests.Imports", Justification = "Mirrors the feature folder Features/Imports.")]

namespace PartyOrg.Dashboard.Tests.Imports;

/// <summary>
/// A real database holding <see cref="TinyProvince"/> (P → D → G → C1, C2, valid from 2020) and the real
/// import engine around it, on a clock set to 15/10/2026 (2026-Q3 closed). Messages in Vietnamese unless a
/// test sets the UI culture.
/// </summary>
public sealed class ImportTestBed : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 10, 15, 3, 0, 0, TimeSpan.Zero);

    private readonly RecordingJobClient _jobs = new();

    private ImportTestBed(TestDatabase database, Action<ImportOptions>? configure)
    {
        Database = database;
        var time = new FakeTimeProvider(Now);
        var clock = new AppClock(time);
        var changes = new FactChanges(new AggregateScheduler(_jobs), clock);
        var audit = new AuditLog(clock);
        Text = Localizer();
        var options = new ImportOptions { MaxFileBytes = 1024 * 1024, WriteChunkRows = 7 };
        configure?.Invoke(options);
        Service = new ImportService(database.Contexts, changes, audit, clock, Text, Options.Create(options), NullLogger<ImportService>.Instance);
        Undo = new ImportUndo(database.Contexts, changes, audit, clock, Text);
        Aggregates = new AggregateService(database.Contexts, new QuarterFactsLoader(database.Contexts, new OrgTreeService(database.Contexts)), time, new AppNode("test"), NullLogger<AggregateService>.Instance);
    }

    public static ImportActor Admin { get; } = new("admin@test", true, true, null);

    public static ImportActor Board { get; } = new("board@test", true, false, null);

    public static ImportActor EditorOfD { get; } = new("editor@test", true, false, "D");

    public TestDatabase Database { get; }

    /// <summary>The jobs enqueued (recomputes after a write), as method name and first argument.</summary>
    public IReadOnlyList<string> EnqueuedJobs => _jobs.Jobs;

    public ImportService Service { get; }

    public ImportUndo Undo { get; }

    public AggregateService Aggregates { get; }

    public IStringLocalizer<ImportText> Text { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IStringLocalizer<ImportText> Localizer() =>
        new StringLocalizer<ImportText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    /// <param name="configure">Changes the import options (by default files up to 1 MB, written 7 rows at a time).</param>
    public static async Task<ImportTestBed> CreateAsync(DatabaseProvider provider, bool tinyProvince = true, Action<ImportOptions>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        if (tinyProvince)
        {
            await using var db = database.CreateContext();
            await TinyProvince.SeedAsync(db, Ct);
        }

        return new ImportTestBed(database, configure);
    }

    public Task<ImportResult> ImportAsync(string kind, string fileName, string text, ImportActor? actor = null, bool dryRun = false) =>
        ImportAsync(kind, fileName, Encoding.UTF8.GetBytes(text), actor, dryRun);

    public async Task<ImportResult> ImportAsync(string kind, string fileName, byte[] bytes, ImportActor? actor = null, bool dryRun = false, string? sheet = null)
    {
        using var stream = new MemoryStream(bytes);
        return await Service.RunAsync(new ImportRequest(kind, fileName, stream, actor ?? Board, dryRun, sheet), ct: Ct);
    }

    /// <summary>The fact checksum and the row counts of the audit log, fact sources and batches: equal snapshots mean an unchanged database.</summary>
    public async Task<DatabaseState> StateAsync()
    {
        await using var db = Database.CreateContext();
        return new DatabaseState(
            await FactChecksum.ComputeAsync(db, Ct),
            await db.AuditLog.CountAsync(Ct),
            await db.FactSources.CountAsync(Ct),
            await db.ImportBatches.CountAsync(Ct));
    }

    public async Task<int> UnitIdAsync(string code)
    {
        await using var db = Database.CreateContext();
        return await db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync(Ct);
    }

    public const string MeetingsHeader =
        "unit_code,date,kind,mode,duration_minutes,documents_ahead,upper_level_attended,expected,present,absent_with_reason,absent_without_reason,exempt_attended,speakers,score";

    /// <summary>A valid meeting row for C1 or C2 on a day of 2026-Q3.</summary>
    public static string MeetingRow(string unit, int month, int day, int expected = 18, int present = 16, string kind = "regular") =>
        string.Create(CultureInfo.InvariantCulture, $"{unit},{day:00}/{month:00}/2026,{kind},in_person,95,yes,no,{expected},{present},{expected - present},0,0,4,85");

    public static string MeetingsFile(params string[] rows) => MeetingsHeader + "\n" + string.Join("\n", rows) + "\n";

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
    }
}

/// <summary>Records enqueued jobs instead of running them: tests run recomputes themselves.</summary>
internal sealed class RecordingJobClient : IBackgroundJobClient
{
    private readonly List<string> _jobs = [];

    public IReadOnlyList<string> Jobs => _jobs;

    public string Create(Job job, IState state)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_jobs)
        {
            _jobs.Add($"{job.Method.Name}({string.Join(",", job.Args.Take(1))})");
            return _jobs.Count.ToString(CultureInfo.InvariantCulture);
        }
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}

public sealed record DatabaseState(string Checksum, int AuditLines, int FactSources, int Batches);
