using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace PartyOrg.Dashboard.EndToEnd.Infrastructure;

/// <summary>
/// The real app in its own process, on a free 127.0.0.1 port, with a fresh data directory: from the
/// published output named by <c>PARTYORG_APP_DIR</c> when set (proving EF Core and Hangfire work after
/// publish), else from the web project's build output. The first start migrates and seeds the demo data.
/// A subclass can prepare the data directory with the binary's admin commands before the app starts
/// (<see cref="BeforeStartAsync"/>, <see cref="RunCommandAsync"/>).
/// </summary>
public class AppServer : IAsyncLifetime
{
    public const string AppDirVariable = "PARTYORG_APP_DIR";

    /// <summary>Seconds to wait for <c>/healthz</c> (default 240: seeding on a small machine is slow).</summary>
    public const string StartTimeoutVariable = "PARTYORG_E2E_START_TIMEOUT";

    private const int LogLimit = 400_000;
    private readonly StringBuilder _log = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "partyorg-e2e", Guid.NewGuid().ToString("N"));
    private Process? _process;

    public Uri BaseUrl { get; private set; } = default!;

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The data directory the app serves from (fresh for each instance).</summary>
    protected string DataDirectory => _dataDirectory;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        await BeforeStartAsync();
        BaseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = StartInfo("--data-dir", _dataDirectory, "--urls", BaseUrl.GetLeftPart(UriPartial.Authority));
        Append($"$ dotnet {string.Join(' ', start.ArgumentList)}   (in {start.WorkingDirectory})");
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        try
        {
            await WaitUntilHealthyAsync();
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    /// <summary>Runs before the app's first start, against its empty data directory; nothing by default (the app seeds the demo data itself).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>
    /// Runs one admin command of the app's binary (<c>seed-demo</c>, <c>import units FILE</c>…) against this
    /// instance's data directory and returns its output; a non-zero exit code fails with that output.
    /// </summary>
    protected async Task<string> RunCommandAsync(params string[] args)
    {
        var start = StartInfo([.. args, "--data-dir", _dataDirectory]);
        Append($"$ dotnet {string.Join(' ', start.ArgumentList)}");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw Failure($"`{string.Join(' ', args)}` did not end within 10 minutes");
        }

        var text = await output + await errors;
        Append(text);
        return process.ExitCode == 0 ? text : throw Failure($"`{string.Join(' ', args)}` exited with code {process.ExitCode}");
    }

    /// <summary>The app's binary with <paramref name="args"/>, in the environment the tests run it in.</summary>
    private static ProcessStartInfo StartInfo(params string[] args)
    {
        var (directory, published) = LocateApp();
        var dll = Path.Combine(directory, "PartyOrg.Dashboard.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} does not exist; build the web project, or `dotnet publish` it and set {AppDirVariable}.");
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { dll }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        // A build output serves package assets (MudBlazor's CSS) through the development manifest only.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = published ? "Production" : "Development";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment.Remove("PARTYORG_DATA_DIR");

        // A fresh demo database would otherwise catch up four quarters of briefings (the province and
        // its 41 committees each) in the background while the browser tests time the pages.
        start.Environment["Briefings__CatchUpQuarters"] = "0";

        // Every browser test signs in from 127.0.0.1, many a minute: more than the sign-in throttle lets one address.
        start.Environment["Access__Throttle__SignInPerClient"] = "10000";
        return start;
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await StopAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temp cleaner.
        }
    }

    /// <summary>Polls <c>GET /healthz</c> until it reports Healthy, the process dies, or the deadline passes.</summary>
    private async Task WaitUntilHealthyAsync()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable(StartTimeoutVariable), out var s) && s > 0 ? s : 240;
        var deadline = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        var last = "no answer yet";
        while (deadline.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (_process!.HasExited)
            {
                throw Failure($"the app exited with code {_process.ExitCode} before it was healthy");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode == HttpStatusCode.OK && last.Contains("\"status\":\"Healthy\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        throw Failure($"/healthz was not healthy within {seconds} s (last: {last}); set {StartTimeoutVariable} to wait longer");
    }

    private InvalidOperationException Failure(string what) =>
        new($"{what}.{Environment.NewLine}--- app output ---{Environment.NewLine}{Log}");

    private async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Reported by the log; nothing more to do.
            }
        }

        _process.Dispose();
        _process = null;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < LogLimit)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static (string Directory, bool Published) LocateApp()
    {
        if (Environment.GetEnvironmentVariable(AppDirVariable) is { Length: > 0 } published)
        {
            return (Path.GetFullPath(published), true);
        }

        var built = typeof(AppServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PartyOrgAppBuildDir").Value!;
        return (built, false);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
