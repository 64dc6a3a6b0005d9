using System.Diagnostics;
using Npgsql;
using PartyOrg.Dashboard.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Tests.Cluster;

/// <summary>
/// The reference deployment, once for the class: <c>scripts/cluster.sh up</c> on a fresh database of the test
/// PostgreSQL server (<c>PARTYORG_TEST_POSTGRES</c>) — the demo data set, two app nodes of the published app
/// (<c>PARTYORG_APP_DIR</c>, which the test command sets) and Debian's nginx, all real processes on loopback.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "partyorg-cluster-tests", Guid.NewGuid().ToString("N")[..12]);
    private string? _admin;
    private string? _database;

    /// <summary>Why the cluster is not there (no PostgreSQL, no published app), or null.</summary>
    public string? Missing { get; private set; }

    public Uri Balancer { get; private set; } = default!;

    public Uri[] Nodes { get; private set; } = [];

    public string ConnectionString { get; private set; } = string.Empty;

    public string AppDirectory { get; private set; } = string.Empty;

    public string Directory => _directory;

    /// <summary>How long <c>up</c> took (seeding included), for the test output.</summary>
    public TimeSpan StartedIn { get; private set; }

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PartyOrg.Dashboard.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("the repository root (PartyOrg.Dashboard.sln) is not above the test binaries");
        }
    }

    public async ValueTask InitializeAsync()
    {
        _admin = Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable);
        AppDirectory = Environment.GetEnvironmentVariable("PARTYORG_APP_DIR") ?? string.Empty;
        if (string.IsNullOrWhiteSpace(_admin))
        {
            Missing = $"{TestDatabase.PostgresVariable} is not set; the README's test command starts PostgreSQL and sets it.";
            return;
        }

        if (!File.Exists(Path.Combine(AppDirectory, "PartyOrg.Dashboard.dll")))
        {
            Missing = "PARTYORG_APP_DIR does not name the published app; the README's test command publishes it and sets it.";
            return;
        }

        _database = "cluster_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _database, Pooling = false }.ToString();
        var started = Stopwatch.StartNew();
        var (exit, output) = await RunScriptAsync(TimeSpan.FromMinutes(6), "up", _directory);
        StartedIn = started.Elapsed;
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;
        if (exit != 0 || !line.StartsWith("lb=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"scripts/cluster.sh up failed (exit {exit}):\n{output}\n{Tail("node1.log")}\n{Tail("node2.log")}");
        }

        var addresses = line.Split(' ').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => new Uri(p[1]), StringComparer.Ordinal);
        Balancer = addresses["lb"];
        Nodes = [addresses["node1"], addresses["node2"]];
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is null)
        {
            return;
        }

        await RunScriptAsync(TimeSpan.FromMinutes(2), "down", _directory);
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The process id of node 1 or 2 as cluster.sh started it.</summary>
    public int NodeProcessId(int node) => int.Parse(File.ReadAllText(Path.Combine(_directory, $"node{node}.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public bool IsRunning(int node)
    {
        try
        {
            using var process = Process.GetProcessById(NodeProcessId(node));
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Starts again a node a test killed, so that the next test finds both.</summary>
    public async Task EnsureBothNodesAsync()
    {
        for (var node = 1; node <= 2; node++)
        {
            if (!IsRunning(node))
            {
                var (exit, output) = await RunScriptAsync(TimeSpan.FromMinutes(3), "start-node", _directory, node.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.True(exit == 0, $"cluster.sh start-node {node} failed:\n{output}");
            }
        }
    }

    /// <summary>Kills both nodes and starts them again together (two start-node calls at once), with this catch-up look-back.</summary>
    public async Task RestartBothTogetherAsync(int catchUpQuarters)
    {
        for (var node = 1; node <= 2; node++)
        {
            if (IsRunning(node))
            {
                using var process = Process.GetProcessById(NodeProcessId(node));
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        var catchUp = catchUpQuarters.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var starts = await Task.WhenAll(
            RunScriptWithCatchUpAsync(TimeSpan.FromMinutes(3), catchUp, "start-node", _directory, "1"),
            RunScriptWithCatchUpAsync(TimeSpan.FromMinutes(3), catchUp, "start-node", _directory, "2"));
        Assert.True(starts.All(s => s.Exit == 0), string.Join('\n', starts.Select(s => s.Output)));
    }

    public string Log(int node) => File.ReadAllText(Path.Combine(_directory, $"node{node}.log"));

    /// <summary>Runs the app's admin command line against the cluster's database (as an operator would on a node).</summary>
    public async Task<(int Exit, string Output)> AdminAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppDirectory, "PartyOrg.Dashboard.dll"));
        foreach (var arg in args.Concat(["--provider", "Postgres", "--connection", ConnectionString, "--data-dir", Path.Combine(_directory, "admin")]))
        {
            start.ArgumentList.Add(arg);
        }

        return await RunAsync(start, TimeSpan.FromMinutes(2));
    }

    private string Tail(string file)
    {
        var path = Path.Combine(_directory, file);
        return File.Exists(path) ? $"--- {file} (end) ---\n{string.Join('\n', File.ReadLines(path).TakeLast(40))}" : string.Empty;
    }

    private Task<(int Exit, string Output)> RunScriptAsync(TimeSpan timeout, params string[] args) =>
        // No catch-up briefings by default: rendering the province's 42 would take the machine for minutes (see the README).
        RunScriptWithCatchUpAsync(timeout, "0", args);

    private async Task<(int Exit, string Output)> RunScriptWithCatchUpAsync(TimeSpan timeout, string catchUpQuarters, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryRoot };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "scripts", "cluster.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PARTYORG_APP_DIR"] = AppDirectory;
        start.Environment["PARTYORG_CLUSTER_CONNECTION"] = ConnectionString;
        start.Environment["PARTYORG_CLUSTER_SEED"] = "1";
        start.Environment["PARTYORG_CLUSTER_CATCHUP"] = catchUpQuarters;
        return await RunAsync(start, timeout);
    }

    private static async Task<(int Exit, string Output)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not end within {timeout}");
        }

        return (process.ExitCode, await stderr + await stdout);
    }
}
