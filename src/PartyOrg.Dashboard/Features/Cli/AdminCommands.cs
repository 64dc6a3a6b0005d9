using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Briefings;
using PartyOrg.Dashboard.Features.Briefings.Archive;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Hosting;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Cli;

/// <summary>
/// The admin commands of the binary: <c>migrate</c>, <c>seed-demo</c>, <c>users add|disable|enable|set-password|set-role|reset-two-factor</c>,
/// <c>tokens create|list|revoke</c>, <c>recompute</c>, <c>briefing</c>, <c>import</c> (see <see cref="ImportCommands"/>). Each accepts <c>--data-dir</c>, <c>--provider</c> and <c>--connection</c>,
/// prints what it did on stdout, and on error prints one line on stderr and exits non-zero.
/// </summary>
public static class AdminCommands
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, TextReader? stdin = null)
    {
        var output = stdout ?? Console.Out;
        var errors = stderr ?? Console.Error;
        var input = stdin ?? Console.In;
        var root = Build(output, errors, input);
        if (args.Length > 0 && !args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0]))
        {
            await errors.WriteLineAsync($"partyorg: unknown command '{args[0]}'; the commands are {string.Join(", ", root.Subcommands.Select(c => c.Name))}");
            return Usage;
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await errors.WriteLineAsync($"partyorg: {parse.Errors[0].Message} (try --help)");
            return Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (StorageFailure.Describe(ex) is { } storage)
        {
            // Disk full, a locked or read-only database, no permission: one line, not a stack trace.
            await errors.WriteLineAsync($"partyorg: {storage}");
            return Failed;
        }
        catch (Exception ex) when (ex is StartupException or AccessException or CommandException or Imports.ImportRefusedException or InvalidOperationException or OperationCanceledException)
        {
            await errors.WriteLineAsync($"partyorg: {ex.Message}");
            return Failed;
        }
    }

    private static RootCommand Build(TextWriter output, TextWriter errors, TextReader input)
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "Data directory (default: ~/.local/share/PartyOrg.Dashboard, or PARTYORG_DATA_DIR).", Recursive = true };
        var provider = new Option<string?>("--provider") { Description = "Database provider: Sqlite (default) or Postgres.", Recursive = true };
        var connection = new Option<string?>("--connection") { Description = "Database connection string (required for Postgres).", Recursive = true };
        var root = new RootCommand("PartyOrg.Dashboard: run with no command to serve the dashboard, or give an admin command.")
        {
            dataDir, provider, connection,
        };

        string[] Config(ParseResult r)
        {
            var list = new List<string>();
            void Add(Option<string?> option, string flag)
            {
                if (r.GetValue(option) is { } v)
                {
                    list.Add(flag);
                    list.Add(v);
                }
            }

            Add(dataDir, "--data-dir");
            Add(provider, "--provider");
            Add(connection, "--connection");
            return list.ToArray();
        }

        var migrate = new Command("migrate", "Create or upgrade the database to this version's schema.");
        migrate.SetAction(async (r, ct) =>
        {
            await using var host = await CommandHost.StartAsync(Config(r));
            await host.Get<DatabaseMigrator>().MigrateAsync(ct);
            await using var db = await host.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
            var last = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault();
            await output.WriteLineAsync($"Database {host.Get<DatabaseSettings>().Describe()} is at migration {last}.");
            return Ok;
        });

        var scale = new Option<int>("--scale")
        {
            Description = "Size of the synthetic province: 1 = Trà Vinh as published; N = N times larger (1–1000).",
            DefaultValueFactory = _ => 1,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000)
                {
                    return n;
                }

                result.AddError($"bad --scale '{text}': use a whole number from 1 to 1000");
                return 0;
            },
        };
        var seed = new Command("seed-demo", "Fill an empty database with the deterministic demo data set and its demo accounts.") { scale };
        seed.SetAction(async (r, ct) =>
        {
            await using var host = await CommandHost.StartAsync(Config(r));
            await host.Get<DatabaseMigrator>().MigrateAsync(ct);
            await using (var db = await host.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct))
            {
                if (await db.Units.AnyAsync(ct))
                {
                    throw new CommandException("the database already holds organisation units; seed-demo needs an empty database (use another --data-dir)");
                }
            }

            await using var scope = host.Services.CreateAsyncScope();
            var tasks = scope.ServiceProvider.GetRequiredService<StartupTasks>();
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().EnsureRolesAsync();
            var result = await tasks.SeedDemoAsync(r.GetValue(scale), ct);
            await output.WriteLineAsync($"Seeded the demo data set (scale {r.GetValue(scale)}) in {result.Elapsed.TotalSeconds:0.0} s: {result}");
            return Ok;
        });

        var email = new Option<string>("--email") { Description = "The user's e-mail (also the sign-in name).", Required = true };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.All)}.", Required = true };
        var unitScope = new Option<string?>("--scope") { Description = "For a DistrictEditor: the code of the unit whose subtree they may edit." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input." };
        var usersAdd = new Command("add", "Create a user with one role.") { email, role, unitScope, passwordStdin };
        usersAdd.SetAction(async (r, ct) =>
        {
            var password = await ReadPasswordAsync(input, r.GetValue(passwordStdin), ct);
            await using var host = await CommandHost.StartAsync(Config(r));
            await host.Get<DatabaseMigrator>().MigrateAsync(ct);
            await using var scope = host.Services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
                .AddUserAsync(r.GetValue(email)!, r.GetValue(role)!, r.GetValue(unitScope), password);
            await output.WriteLineAsync($"Created user {user.Email} with role {r.GetValue(role)}{(user.ScopeUnitCode is null ? string.Empty : $" for unit {user.ScopeUnitCode}")}.");
            return Ok;
        });
        var users = new Command("users", "Manage users.") { usersAdd };
        foreach (var command in UserCommands(input, output, Config))
        {
            users.Subcommands.Add(command);
        }

        var tokens = TokenCommands(output, Config);

        var quarterOption = new Option<Quarter?>("--quarter")
        {
            Description = "The quarter to recompute, as YYYY-Qn (e.g. 2026-Q3).",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (Quarter.TryParse(text, out var q))
                {
                    return q;
                }

                result.AddError($"bad --quarter '{text}': write it as {Quarter.Format}");
                return null;
            },
        };
        var all = new Option<bool>("--all") { Description = "Recompute every quarter that has data (rebuild-all)." };
        var inline = new Option<bool>("--inline") { Description = "Compute here and now instead of enqueuing a job for the server." };
        var recompute = new Command("recompute", "Recompute the quarterly aggregates (enqueues a job unless --inline).") { quarterOption, all, inline };
        recompute.Validators.Add(result =>
        {
            var hasQuarter = result.GetResult(quarterOption) is { Implicit: false };
            if (hasQuarter == result.GetValue(all))
            {
                result.AddError("give either --quarter YYYY-Qn or --all");
            }
        });
        recompute.SetAction(async (r, ct) =>
        {
            await using var host = await CommandHost.StartAsync(Config(r));
            await host.Get<DatabaseMigrator>().MigrateAsync(ct);
            var quarter = r.GetValue(quarterOption);
            if (r.GetValue(inline))
            {
                var service = host.Get<AggregateService>();
                var results = quarter is { } q ? [await service.RecomputeAsync(q, ct)] : await service.RebuildAllAsync(ct);
                foreach (var result in results)
                {
                    await output.WriteLineAsync(result.RunningElsewhere is { } elsewhere
                        ? $"{result.Quarter}: {result.Outcome}: {elsewhere}; try again in a minute"
                        : $"{result.Quarter}: {result.Outcome} ({result.Rows} rows, data version {result.DataVersion}, {result.Elapsed.TotalSeconds:0.00} s)");
                }

                return results.Any(x => x.Outcome != RecomputeOutcome.Computed) ? Failed : Ok;
            }

            var scheduler = host.Get<AggregateScheduler>();
            var job = quarter is { } one ? scheduler.EnqueueRecompute(one) : scheduler.EnqueueRebuildAll();
            await output.WriteLineAsync($"Enqueued {(quarter is { } x ? $"recompute of {x}" : "rebuild-all")} as job {job}; the server runs it (see /hangfire).");
            return Ok;
        });

        root.Subcommands.Add(migrate);
        root.Subcommands.Add(recompute);
        root.Subcommands.Add(BriefingCommand(output, Config));
        root.Subcommands.Add(seed);
        root.Subcommands.Add(users);
        root.Subcommands.Add(tokens);
        root.Subcommands.Add(ImportCommands.Build(output, errors, Config));
        return root;
    }

    /// <summary><c>users disable|enable --email E</c>, <c>users set-password --email E --password-stdin</c>, <c>users set-role --email E --role R [--scope CODE]</c>.</summary>
    private static IEnumerable<Command> UserCommands(TextReader input, TextWriter output, Func<ParseResult, string[]> config)
    {
        Option<string> Email() => new("--email") { Description = "The user's e-mail.", Required = true };

        async Task<int> RunAsync(ParseResult r, CancellationToken ct, Func<UserAdministration, Task<string>> action)
        {
            await using var host = await CommandHost.StartAsync(config(r));
            await host.Get<DatabaseMigrator>().MigrateAsync(ct);
            await using var scope = host.Services.CreateAsyncScope();
            await output.WriteLineAsync(await action(scope.ServiceProvider.GetRequiredService<UserAdministration>()));
            return Ok;
        }

        var disableEmail = Email();
        var disable = new Command("disable", "Disable a user: no sign-in; their tokens stop at once, their open sessions within a minute.") { disableEmail };
        disable.SetAction((r, ct) => RunAsync(r, ct, async a =>
        {
            await a.DisableUserAsync(r.GetValue(disableEmail)!);
            return $"Disabled {r.GetValue(disableEmail)}; their sessions end within a minute and their tokens no longer work.";
        }));

        var enableEmail = Email();
        var enable = new Command("enable", "Enable a disabled user again.") { enableEmail };
        enable.SetAction((r, ct) => RunAsync(r, ct, async a =>
        {
            await a.EnableUserAsync(r.GetValue(enableEmail)!);
            return $"Enabled {r.GetValue(enableEmail)}.";
        }));

        var passwordEmail = Email();
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the new password from the first line of standard input." };
        var setPassword = new Command("set-password", "Set a user's password; every session of theirs ends within a minute.") { passwordEmail, passwordStdin };
        setPassword.SetAction(async (r, ct) =>
        {
            var password = await ReadPasswordAsync(input, r.GetValue(passwordStdin), ct);
            return await RunAsync(r, ct, async a =>
            {
                await a.SetPasswordAsync(r.GetValue(passwordEmail)!, password);
                return $"Set the password of {r.GetValue(passwordEmail)}; their sessions end within a minute.";
            });
        });

        var roleEmail = Email();
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.All)}.", Required = true };
        var unitScope = new Option<string?>("--scope") { Description = "For a DistrictEditor: the code of the unit whose subtree they may edit." };
        var setRole = new Command("set-role", "Give a user another role (and scope); every session of theirs ends within a minute.") { roleEmail, role, unitScope };
        setRole.SetAction((r, ct) => RunAsync(r, ct, async a =>
        {
            await a.SetRoleAsync(r.GetValue(roleEmail)!, r.GetValue(role)!, r.GetValue(unitScope));
            return $"{r.GetValue(roleEmail)} now has role {r.GetValue(role)}{(r.GetValue(unitScope) is { } s ? $" for unit {s}" : string.Empty)}; their sessions end within a minute.";
        }));

        var resetEmail = Email();
        var resetTwoFactor = new Command("reset-two-factor", "Turn off a user's two-factor sign-in (lost authenticator and recovery codes); their sessions end.") { resetEmail };
        resetTwoFactor.SetAction((r, ct) => RunAsync(r, ct, async a =>
        {
            await a.ResetTwoFactorAsync(r.GetValue(resetEmail)!);
            return $"Turned off two-factor sign-in for {r.GetValue(resetEmail)}; they sign in with the password and may enrol again.";
        }));

        return [disable, enable, setPassword, setRole, resetTwoFactor];
    }

    /// <summary>The password from the first line of standard input; never taken as an argument.</summary>
    private static async Task<string> ReadPasswordAsync(TextReader input, bool fromStdin, CancellationToken ct)
    {
        if (!fromStdin)
        {
            throw new CommandException("give the password on standard input with --password-stdin (it is never taken as an argument)");
        }

        var password = (await input.ReadLineAsync(ct))?.TrimEnd('\r') ?? string.Empty;
        return password.Length == 0 ? throw new CommandException("no password on standard input") : password;
    }

    /// <summary><c>tokens create --email E --name N [--days N]</c>, <c>tokens list [--email E]</c>, <c>tokens revoke --id N | --email E --name N</c>.</summary>
    private static Command TokenCommands(TextWriter output, Func<ParseResult, string[]> config)
    {
        var tokenEmail = new Option<string>("--email") { Description = "The user the token acts as.", Required = true };
        var tokenName = new Option<string>("--name") { Description = "A name to recognise the token by.", Required = true };
        var days = new Option<int>("--days")
        {
            Description = $"Days until the token expires (1–{UserAdministration.MaxTokenDays}; default {UserAdministration.DefaultTokenDays}).",
            DefaultValueFactory = _ => UserAdministration.DefaultTokenDays,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= UserAdministration.MaxTokenDays)
                {
                    return n;
                }

                result.AddError($"bad --days '{text}': use a whole number from 1 to {UserAdministration.MaxTokenDays}");
                return 0;
            },
        };
        var create = new Command("create", "Create an API bearer token; it is printed once and stored hashed.") { tokenEmail, tokenName, days };
        create.SetAction(async (r, ct) =>
        {
            await using var host = await CommandHost.StartAsync(config(r));
            await host.Get<DatabaseMigrator>().MigrateAsync(ct);
            await using var scope = host.Services.CreateAsyncScope();
            var token = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
                .CreateTokenAsync(r.GetValue(tokenEmail)!, r.GetValue(tokenName)!, r.GetValue(days));
            await output.WriteLineAsync(token);
            return Ok;
        });

        var listEmail = new Option<string?>("--email") { Description = "Only this user's tokens." };
        var list = new Command("list", "List API tokens (id, user, name, created, expires, last used, state); never their secret.") { listEmail };
        list.SetAction(async (r, ct) =>
        {
            await using var host = await CommandHost.StartAsync(config(r));
            await host.Get<DatabaseMigrator>().MigrateAsync(ct);
            await using var scope = host.Services.CreateAsyncScope();
            var now = host.Get<TimeProvider>().GetUtcNow();
            var rows = await scope.ServiceProvider.GetRequiredService<UserAdministration>().ListTokensAsync(r.GetValue(listEmail));
            await output.WriteLineAsync("id\temail\tname\tcreated\texpires\tlast used\tstate");
            foreach (var t in rows)
            {
                var state = t.RevokedAt is not null ? "revoked" : now >= t.ExpiresAt ? "expired" : "active";
                await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{t.Id}\t{t.Email}\t{t.Name}\t{Utc(t.CreatedAt)}\t{Utc(t.ExpiresAt)}\t{(t.LastUsedAt is { } u ? Utc(u) : "-")}\t{state}"));
            }

            return Ok;
        });

        var revokeId = new Option<int?>("--id") { Description = "The token's id (see tokens list)." };
        var revokeEmail = new Option<string?>("--email") { Description = "With --name: the user whose tokens of that name are revoked." };
        var revokeName = new Option<string?>("--name") { Description = "With --email: revoke the user's tokens of this name." };
        var revoke = new Command("revoke", "Revoke a token at once: by --id, or by --email and --name.") { revokeId, revokeEmail, revokeName };
        revoke.SetAction(async (r, ct) =>
        {
            await using var host = await CommandHost.StartAsync(config(r));
            await host.Get<DatabaseMigrator>().MigrateAsync(ct);
            await using var scope = host.Services.CreateAsyncScope();
            var revoked = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
                .RevokeTokensAsync(r.GetValue(revokeId), r.GetValue(revokeEmail), r.GetValue(revokeName));
            foreach (var t in revoked)
            {
                await output.WriteLineAsync($"Revoked token {t.Id} '{t.Name}' of {t.Email}.");
            }

            return Ok;
        });

        return new Command("tokens", "Manage API tokens.") { create, list, revoke };
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>briefing --quarter 2026-Q3 --scope CODE --format pdf --out FILE [--culture vi|en]</c>.</summary>
    private static Command BriefingCommand(TextWriter output, Func<ParseResult, string[]> config)
    {
        Option<T> Parsed<T>(string name, string description, Func<string, T?> parse, string hint)
        {
            return new Option<T>(name)
            {
                Description = description,
                Required = true,
                CustomParser = result =>
                {
                    var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                    if (parse(text) is { } value)
                    {
                        return value;
                    }

                    result.AddError($"bad {name} '{text}': {hint}");
                    return default!;
                },
            };
        }

        var quarter = Parsed<Quarter?>("--quarter", "The quarter, as YYYY-Qn (e.g. 2026-Q3).", t => Quarter.TryParse(t, out var q) ? q : null, $"write it as {Quarter.Format}");
        var scope = new Option<string>("--scope") { Description = "The code of the unit the briefing covers (the province's, a committee's).", Required = true };
        var format = Parsed<BriefingFormat?>("--format", "pdf, docx or xlsx.", t => BriefingFormats.TryParse(t, out var f) ? f : null, "use pdf, docx or xlsx");
        var culture = Parsed<string?>("--culture", "vi (default) or en.", t => BriefingCultures.TryParse(t, out var c) ? c : null, "use vi or en");
        culture.Required = false;
        culture.DefaultValueFactory = _ => BriefingCultures.Vietnamese;
        var outFile = new Option<FileInfo>("--out") { Description = "The file to write (replaced if it exists; untouched on failure).", Required = true };
        var command = new Command(
            "briefing",
            "Render a quarterly briefing and write one format of it to --out. A stale quarter is recomputed first. The briefing "
            + "is also archived (all three formats, as by the Briefings page, by 'cli:<account>'); on unchanged data the archived "
            + "version is written again, not rendered anew.")
        {
            quarter, scope, format, culture, outFile,
        };
        command.SetAction(async (r, ct) =>
        {
            var q = r.GetValue(quarter)!.Value;
            var f = r.GetValue(format)!.Value;
            var code = r.GetValue(scope)!.Trim();
            var target = r.GetValue(outFile)!;
            if (Directory.Exists(target.FullName) || target.Directory is not { Exists: true } directory)
            {
                throw new CommandException($"--out '{target}' must name a file in an existing directory");
            }

            await using var host = await CommandHost.StartAsync(config(r));
            await host.Get<DatabaseMigrator>().MigrateAsync(ct);
            var tree = await host.Get<OrgTreeService>().GetTreeAsync(q, ct);
            if (tree.Find(code) is null)
            {
                throw new CommandException($"bad --scope '{code}': no unit with that code existed at the end of {q}");
            }

            GenerationResult result;
            try
            {
                result = await host.Get<BriefingGenerator>().GenerateAsync(q, code, r.GetValue(culture)!, $"cli:{Environment.UserName}", ct);
            }
            catch (KeyNotFoundException ex)
            {
                throw new CommandException(ex.Message);
            }

            var file = await host.Get<BriefingArchive>().ReadFileAsync(result.Briefing.Id, f, ct)
                ?? throw new CommandException($"the archived briefing {result.Briefing.Id} has no {BriefingFormats.Name(f)} file");

            // Written beside the target and moved over it: a failure never leaves a half-written file.
            var temp = Path.Combine(directory.FullName, $".{target.Name}.{Guid.NewGuid():N}.tmp");
            try
            {
                await File.WriteAllBytesAsync(temp, file.Content, ct);
                File.Move(temp, target.FullName, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }

            await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Wrote {target.FullName} ({file.File.Size} bytes, SHA-256 {file.File.Sha256}): briefing #{result.Briefing.Id} of {q} for {result.Briefing.ScopeCode}, data version {result.Briefing.DataVersion}, {(result.Created ? "archived now" : "already archived")}{(result.Recomputed ? "; aggregates recomputed first" : string.Empty)}."));
            return Ok;
        });
        return command;
    }
}

/// <summary>A command's own refusal, reported as one line.</summary>
public sealed class CommandException(string message) : Exception(message);
