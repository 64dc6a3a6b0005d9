using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Cli;

/// <summary>
/// <c>import &lt;kind&gt; &lt;file&gt;</c>, <c>import template</c> and <c>import undo</c>: the same engine as the web,
/// run inline. A summary and progress lines go to stdout, one line per problem to stderr
/// (<c>file:row:column: message (value)</c>); the exit code is 0 only when the file was valid.
/// </summary>
internal static class ImportCommands
{
    public static Command Build(TextWriter output, TextWriter errors, Func<ParseResult, string[]> config)
    {
        var kinds = string.Join(", ", ImportKinds.All.Select(k => k.Name));
        var kind = new Argument<string>("kind") { Description = $"What the file holds: {kinds}." };
        var file = new Argument<FileInfo>("file") { Description = "The CSV (UTF-8, comma or semicolon) or XLSX file." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and show what would change; write nothing." };
        var asUser = new Option<string?>("--as") { Description = "Import as this user (their role and scope apply); default: the operator, whole province." };
        var sheet = new Option<string?>("--sheet") { Description = "XLSX: the sheet to read (default: the first)." };
        var import = new Command("import", "Import a CSV or XLSX file: all rows or none.") { kind, file, dryRun, asUser, sheet };
        import.SetAction(async (r, ct) =>
        {
            var info = r.GetValue(file)!;
            if (!info.Exists)
            {
                throw new CommandException($"no file {info.FullName}");
            }

            await using var host = await CommandHost.StartAsync(config(r));
            await host.Get<DatabaseMigrator>().MigrateAsync(ct);
            var actor = await ActorAsync(host, r.GetValue(asUser));
            await using var content = info.OpenRead();
            using var result = await host.Get<ImportService>().RunAsync(
                new ImportRequest(r.GetValue(kind)!, info.Name, content, actor, r.GetValue(dryRun), r.GetValue(sheet)),
                p => output.WriteLine(Progress(p)), ct: ct);
            var report = result.Report;
            foreach (var problem in result.AllProblems)
            {
                await errors.WriteLineAsync(problem.ToLine(info.Name));
            }

            await output.WriteLineAsync(Summary(report));
            foreach (var group in report.ProblemGroups.Take(20))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {group.Count} × {(group.Column.Length == 0 ? "file" : group.Column)}: {group.Example} (rows {string.Join(", ", group.FirstRows)}{(group.Count > group.FirstRows.Count ? ", …" : string.Empty)})"));
            }

            foreach (var change in report.Changes)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  row {change.Row}: {change.What}"));
            }

            return report.Outcome == ImportOutcome.Rejected ? AdminCommands.Failed : AdminCommands.Ok;
        });

        var templateKind = new Argument<string>("kind") { Description = $"One of {kinds}." };
        var format = new Option<string>("--format") { Description = "csv or xlsx.", Required = true };
        format.AcceptOnlyFromAmong("csv", "xlsx");
        var outFile = new Option<FileInfo>("--out") { Description = "Where to write the template.", Required = true };
        var template = new Command("template", "Write the template of an import kind (XLSX has a Vietnamese notes sheet).") { templateKind, format, outFile };
        template.SetAction(async (r, ct) =>
        {
            var k = ImportKinds.Find(r.GetValue(templateKind))
                ?? throw new CommandException($"unknown import kind '{r.GetValue(templateKind)}'; the kinds are {kinds}");
            var bytes = r.GetValue(format) == "xlsx" ? ImportTemplates.Xlsx(k) : ImportTemplates.Csv(k);
            var target = r.GetValue(outFile)!;
            await File.WriteAllBytesAsync(target.FullName, bytes, ct);
            await output.WriteLineAsync($"Wrote the {k.Name} template ({k.Columns.Count} columns) to {target.FullName}.");
            return AdminCommands.Ok;
        });

        var batchId = new Argument<int>("batch-id") { Description = "The batch number an import printed." };
        var undoAs = new Option<string>("--as") { Description = "An Admin's e-mail.", Required = true };
        var undo = new Command("undo", "Undo an import batch: remove exactly its rows (Admins only).") { batchId, undoAs };
        undo.SetAction(async (r, ct) =>
        {
            await using var host = await CommandHost.StartAsync(config(r));
            await host.Get<DatabaseMigrator>().MigrateAsync(ct);
            var actor = await ActorAsync(host, r.GetValue(undoAs));
            var result = await host.Get<ImportUndo>().UndoAsync(r.GetValue(batchId), actor, ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Undid batch {result.BatchId}: {result.Removed} rows removed, {result.Restored} restored; quarters {string.Join(", ", result.Quarters)} (recompute enqueued)."));
            return AdminCommands.Ok;
        });

        import.Subcommands.Add(template);
        import.Subcommands.Add(undo);
        return import;
    }

    public static string Progress(ImportProgress p) => p.Phase switch
    {
        ImportPhase.Writing => string.Create(CultureInfo.InvariantCulture, $"progress: writing {p.RowsWritten}/{p.RowsToWrite}"),
        ImportPhase.Done => "progress: done",
        _ => string.Create(CultureInfo.InvariantCulture, $"progress: validating {p.RowsValidated}"),
    };

    public static string Summary(ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"{report.Rows} rows, {report.Added} added, {report.Changed} changed, {report.AlreadyStored} already stored");
        return report.Outcome switch
        {
            ImportOutcome.Rejected => string.Create(CultureInfo.InvariantCulture,
                $"{report.FileName}: rejected, nothing written: {report.ProblemCount} problems in {report.RejectedRows} rows ({report.Rows} rows read)"),
            ImportOutcome.Previewed => $"{report.FileName}: dry run, valid, nothing written: would write {counts}; quarters {string.Join(", ", report.Quarters)}",
            ImportOutcome.NothingNew => $"{report.FileName}: nothing new, nothing written: {counts}",
            _ => string.Create(CultureInfo.InvariantCulture,
                $"{report.FileName}: imported as batch {report.BatchId}: {counts}; quarters {string.Join(", ", report.Quarters)} (recompute enqueued)"),
        };
    }

    private static async Task<ImportActor> ActorAsync(CommandHost host, string? email)
    {
        if (email is null)
        {
            return ImportActor.Operator;
        }

        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new CommandException($"no user with e-mail '{email}' (--as)");
        return ImportActor.From(user, await users.GetRolesAsync(user));
    }
}
