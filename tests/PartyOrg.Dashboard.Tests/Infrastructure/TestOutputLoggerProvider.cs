using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PartyOrg.Dashboard.Tests.Infrastructure;

/// <summary>
/// Writes a test host's log lines at <see cref="LogLevel.Warning"/> and above, exceptions in full, to the output of
/// the test that created the host, so that a server error (a 500, a failed job) says why in the test's result.
/// The output helper is captured when the host is made: requests and jobs run on other threads, where
/// <see cref="TestContext.Current"/> may belong to another test or to none.
/// </summary>
public sealed class TestOutputLoggerProvider(ITestOutputHelper? output, LogLevel minimum = LogLevel.Warning) : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, Logger> _loggers = new(StringComparer.Ordinal);
    private readonly LogLevel _minimum = minimum;

    /// <summary>For the test running now, or a provider that writes nowhere outside a test.</summary>
    public static TestOutputLoggerProvider ForCurrentTest() => new(TestContext.Current.TestOutputHelper);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, name => new Logger(this, name));

    public void Dispose() => _loggers.Clear();

    private void Write(string line)
    {
        if (output is null)
        {
            return;
        }

        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has ended (a host disposed after its test, a job finishing late): nowhere to write.
        }
    }

    private sealed class Logger(TestOutputLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"[server {logLevel}] {category}: {formatter(state, exception)}";
            provider.Write(exception is null ? line : line + Environment.NewLine + exception);
        }
    }
}
