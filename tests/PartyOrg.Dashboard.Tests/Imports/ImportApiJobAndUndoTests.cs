using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Tests.Infrastructure;
using static PartyOrg.Dashboard.Tests.Imports.ImportTestBed;

namespace PartyOrg.Dashboard.Tests.Imports;

/// <summary>
/// The HTTP API on the real app, past the short path: a file above <c>Imports:BackgroundFileBytes</c> becomes a
/// Hangfire job whose progress is read over HTTP while and after it runs, and an Admin's undo over HTTP.
/// </summary>
public sealed class ImportApiJobAndUndoTests
{
    private const int BackgroundBytes = 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static HttpRequestMessage Post(string url, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<ImportProgress> ProgressAsync(HttpClient client, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ImportProgress>(Json, Ct))!;
    }

    private static async Task<string> ChecksumAsync(AppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        return await FactChecksum.ComputeAsync(db, Ct);
    }

    /// <summary>
    /// Runs the import job that the API enqueued for <paramref name="progressId"/>: found in the app's Hangfire
    /// storage by its arguments and invoked on the real <see cref="ImportJobs"/> with the stored arguments.
    /// </summary>
    private static async Task<string> RunEnqueuedImportJobAsync(AppFactory app, string progressId)
    {
        var storage = app.Services.GetRequiredService<JobStorage>();
        var enqueued = storage.GetMonitoringApi().EnqueuedJobs("default", 0, 1000)
            .Where(j => j.Value.Job?.Type == typeof(ImportJobs) && Equals(j.Value.Job.Args[0], progressId))
            .ToList();
        var (jobId, dto) = Assert.Single(enqueued);
        var job = dto.Job!;
        Assert.Equal(nameof(ImportJobs.RunAsync), job.Method.Name);

        await using var scope = app.Services.CreateAsyncScope();
        var instance = scope.ServiceProvider.GetRequiredService<ImportJobs>();
        var parameters = job.Method.GetParameters();
        var args = parameters.Select((p, i) => p.ParameterType == typeof(CancellationToken) ? Ct : job.Args[i]).ToArray();
        await (Task)job.Method.Invoke(instance, args)!;
        return jobId;
    }

    [Fact]
    public async Task LargeUpload_RunsAsAJob_WhoseProgressIsReadOverHttp_AndItsFactsAreStored()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string>
        {
            ["Imports:BackgroundFileBytes"] = BackgroundBytes.ToString(CultureInfo.InvariantCulture),
            ["Imports:WriteChunkRows"] = "16",
        });
        var client = app.CreateClient();
        var board = await app.CreateUserWithTokenAsync("board@test", Roles.OrgBoard);
        var units = await client.SendAsync(ApiRequests.Upload("/api/v1/imports/units", board, "units.csv", Encoding.UTF8.GetBytes(ImportFiles.Province(2))), Ct);
        Assert.Equal(HttpStatusCode.OK, units.StatusCode);
        const int rows = 60;
        var path = Path.Combine(app.DataDirectory, "big-meetings.csv");
        ImportFiles.WriteMeetings(path, rows, 2);
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        Assert.True(bytes.Length > BackgroundBytes, $"the file has {bytes.Length} bytes");
        var before = await ChecksumAsync(app);

        var accepted = await client.SendAsync(ApiRequests.Upload("/api/v1/imports/meetings", board, "big.csv", bytes), Ct);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var body = (await accepted.Content.ReadFromJsonAsync<ImportAccepted>(Json, Ct))!;
        Assert.Equal($"/api/v1/imports/progress/{body.ProgressId}", body.ProgressUrl);
        Assert.Equal(body.ProgressUrl, accepted.Headers.Location?.OriginalString);
        var queued = await ProgressAsync(client, body.ProgressUrl, board);
        Assert.Equal((ImportPhase.Queued, 0, (ImportReport?)null), (queued.Phase, queued.RowsWritten, queued.Report));
        Assert.Equal(before, await ChecksumAsync(app));

        // While the job writes (inside its transaction, before the commit) the API already says so.
        ImportProgress? whileWriting = null;
        var imports = app.Services.GetRequiredService<ImportService>();
        imports.BeforeCommit = async () => whileWriting = await ProgressAsync(client, body.ProgressUrl, board);
        try
        {
            await RunEnqueuedImportJobAsync(app, body.ProgressId);
        }
        finally
        {
            imports.BeforeCommit = null;
        }

        Assert.NotNull(whileWriting);
        Assert.Equal((ImportPhase.Writing, rows, rows, rows), (whileWriting.Phase, whileWriting.RowsValidated, whileWriting.RowsToWrite, whileWriting.RowsWritten));
        Assert.Null(whileWriting.Report);
        var done = await ProgressAsync(client, body.ProgressUrl, board);
        Assert.Equal(ImportPhase.Done, done.Phase);
        Assert.NotNull(done.Report);
        Assert.Equal((ImportOutcome.Imported, rows, rows, 0, "big.csv"), (done.Report.Outcome, done.Report.Rows, done.Report.Added, done.Report.ProblemCount, done.Report.FileName));
        Assert.Equal(rows, done.RowsWritten);
        var batchId = Assert.IsType<int>(done.Report.BatchId);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var batch = await db.ImportBatches.SingleAsync(b => b.Id == batchId, Ct);
        Assert.Equal(("meetings", "big.csv", rows, rows, "board@test"), (batch.Kind, batch.FileName, batch.Rows, batch.Added, batch.CreatedBy));
        Assert.Equal(rows, await db.Meetings.CountAsync(m => m.SourceId == batch.SourceId, Ct));
        Assert.Equal(rows, await db.Meetings.CountAsync(Ct));
        Assert.NotEqual(before, await FactChecksum.ComputeAsync(db, Ct));
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, "imports", body.ProgressId + ".upload")), "the job deletes its saved upload");
    }

    [Fact]
    public async Task ALargeUploadWhoseWriteFailsOnTheDatabase_EndsFailed_WithAMessage_AndWritesNothing()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string>
        {
            ["Imports:BackgroundFileBytes"] = BackgroundBytes.ToString(CultureInfo.InvariantCulture),
        });
        var client = app.CreateClient();
        var board = await app.CreateUserWithTokenAsync("board@test", Roles.OrgBoard);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ApiRequests.Upload("/api/v1/imports/units", board, "units.csv", Encoding.UTF8.GetBytes(ImportFiles.Province(2))), Ct)).StatusCode);
        var path = Path.Combine(app.DataDirectory, "big-meetings.csv");
        ImportFiles.WriteMeetings(path, 40, 2);
        var before = await ChecksumAsync(app);
        var accepted = await client.SendAsync(ApiRequests.Upload("/api/v1/imports/meetings", board, "big.csv", await File.ReadAllBytesAsync(path, Ct)), Ct);
        var body = (await accepted.Content.ReadFromJsonAsync<ImportAccepted>(Json, Ct))!;
        var imports = app.Services.GetRequiredService<ImportService>();
        imports.BeforeCommit = () => throw new Microsoft.Data.Sqlite.SqliteException("database or disk is full", 13);
        try
        {
            await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => RunEnqueuedImportJobAsync(app, body.ProgressId));
        }
        finally
        {
            imports.BeforeCommit = null;
        }

        var failed = await ProgressAsync(client, body.ProgressUrl, board);

        Assert.Equal(ImportPhase.Failed, failed.Phase);
        Assert.Equal("the database refused the operation: the disk is full (SQLite: database or disk is full); free space in the data directory and try again; nothing of the file was written.", failed.Error);
        Assert.Equal(0, failed.RowsWritten);
        Assert.Equal(before, await ChecksumAsync(app));
    }

    [Fact]
    public async Task Undo_ByAnAdminOverHttp_RemovesTheBatch_RestoresTheChecksum_Audits_AndRefusesASecondUndo()
    {
        await using var app = new AppFactory();
        var client = app.CreateClient();
        var board = await app.CreateUserWithTokenAsync("board@test", Roles.OrgBoard);
        var admin = await app.CreateUserWithTokenAsync("admin@test", Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ApiRequests.Upload("/api/v1/imports/units", board, "units.csv", Encoding.UTF8.GetBytes(ImportFiles.Province())), Ct)).StatusCode);
        var before = await ChecksumAsync(app);
        var imported = await client.SendAsync(ApiRequests.Upload("/api/v1/imports/meetings", board, "q3.csv",
            Encoding.UTF8.GetBytes(MeetingsFile(MeetingRow("C1-1", 7, 10), MeetingRow("C2-1", 8, 12)))), Ct);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var report = (await imported.Content.ReadFromJsonAsync<ImportReport>(Json, Ct))!;
        var batchId = report.BatchId!.Value;
        Assert.NotEqual(before, await ChecksumAsync(app));

        var undone = await client.SendAsync(Post($"/api/v1/imports/{batchId}/undo", admin), Ct);

        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        var result = (await undone.Content.ReadFromJsonAsync<UndoResult>(Json, Ct))!;
        Assert.Equal((batchId, 2, 0), (result.BatchId, result.Removed, result.Restored));
        Assert.Equal(["2026-Q3"], result.Quarters);
        Assert.Equal(before, await ChecksumAsync(app));
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        {
            Assert.Equal(0, await db.Meetings.CountAsync(Ct));
            var batch = await db.ImportBatches.SingleAsync(b => b.Id == batchId, Ct);
            Assert.Equal((ImportBatchStatus.Undone, "admin@test", (int?)null), (batch.Status, batch.UndoneBy, batch.SourceId));
            var audit = await db.AuditLog.Where(a => a.Action == AuditAction.UndoImport).ToListAsync(Ct);
            var line = Assert.Single(audit);
            Assert.Equal(("admin@test", 2), (line.Actor, line.Removed));
            Assert.Contains($"#{batchId}", line.Subject, StringComparison.Ordinal);
        }

        var batches = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/imports/batches") { Headers = { Authorization = new("Bearer", admin) } }, Ct);
        var listed = Assert.Single((await batches.Content.ReadFromJsonAsync<List<ImportBatchDto>>(Json, Ct))!, b => b.Id == batchId);
        Assert.Equal(("Undone", "admin@test"), (listed.Status, listed.UndoneBy));

        var again = await client.SendAsync(Post($"/api/v1/imports/{batchId}/undo", admin), Ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = (await again.Content.ReadFromJsonAsync<ProblemDetails>(Json, Ct))!;
        Assert.StartsWith($"Lần nhập số {batchId} đã được hoàn tác (bởi admin@test, lúc ", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await ChecksumAsync(app));
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        {
            Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == AuditAction.UndoImport, Ct));
        }
    }
}
