using System.Collections.Concurrent;
using Hangfire.Logging;
using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace PartyOrg.Dashboard.Features.Jobs;

/// <summary>
/// Hangfire's logging is process-wide: its components take a logger from a static provider when they are built
/// (a job client, a recurring job manager, the server's parts) and keep it. Hangfire's own provider for ASP.NET Core
/// wraps the <see cref="ILoggerFactory"/> of the host that configured it last; once that host ended, every Hangfire
/// component built afterwards in the process — by any other host — failed on its disposed factory (a large upload
/// answered 500 in the test run, where app factories and in-process admin commands come and go side by side).
/// This provider binds nothing when a logger is made: each line goes, when written, to the newest host still
/// running (the only one in a deployed process), and nowhere once none runs.
/// </summary>
public sealed class HangfireLogRouting : ILogProvider
{
    /// <summary>The one provider of the process; hosts attach to it through <see cref="HangfireHostLogging"/>.</summary>
    public static HangfireLogRouting Instance { get; } = new();

    private readonly Lock _gate = new();
    private Route[] _routes = [];

    private HangfireLogRouting()
    {
    }

    public ILog GetLogger(string name) => new RoutedLog(this, name);

    internal IDisposable Attach(ILoggerFactory factory)
    {
        var route = new Route(factory);
        lock (_gate)
        {
            _routes = [.. _routes, route];
        }

        return new Detach(this, route);
    }

    private void Remove(Route route)
    {
        lock (_gate)
        {
            _routes = [.. _routes.Where(r => !ReferenceEquals(r, route))];
        }
    }

    private ILogger? Current(string name)
    {
        var routes = Volatile.Read(ref _routes);
        for (var i = routes.Length - 1; i >= 0; i--)
        {
            try
            {
                return routes[i].Loggers.GetOrAdd(name, routes[i].Factory.CreateLogger);
            }
            catch (ObjectDisposedException)
            {
                // That host is ending; an older one may still run.
            }
        }

        return null;
    }

    private static MelLogLevel Map(Hangfire.Logging.LogLevel level) => level switch
    {
        Hangfire.Logging.LogLevel.Trace => MelLogLevel.Trace,
        Hangfire.Logging.LogLevel.Debug => MelLogLevel.Debug,
        Hangfire.Logging.LogLevel.Info => MelLogLevel.Information,
        Hangfire.Logging.LogLevel.Warn => MelLogLevel.Warning,
        Hangfire.Logging.LogLevel.Error => MelLogLevel.Error,
        _ => MelLogLevel.Critical,
    };

    private sealed record Route(ILoggerFactory Factory)
    {
        public ConcurrentDictionary<string, ILogger> Loggers { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Detach(HangfireLogRouting routing, Route route) : IDisposable
    {
        public void Dispose() => routing.Remove(route);
    }

    private sealed class RoutedLog(HangfireLogRouting routing, string name) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (routing.Current(name) is not { } logger)
            {
                return false;
            }

            var level = Map(logLevel);
            if (messageFunc is null)
            {
                return logger.IsEnabled(level);
            }

            if (!logger.IsEnabled(level))
            {
                return false;
            }

            try
            {
#pragma warning disable CA1848, CA2254 // Hangfire hands over finished messages, not templates.
                logger.Log(level, 0, exception, messageFunc());
#pragma warning restore CA1848, CA2254
            }
            catch (ObjectDisposedException)
            {
                // The host ended while the line was written: it is lost with the host, and Hangfire goes on.
            }

            return true;
        }
    }
}

/// <summary>
/// This host's part in <see cref="HangfireLogRouting"/>: attached when Hangfire is configured for the host, detached
/// when the host's services are disposed (before its logger factory, which it depends on).
/// </summary>
public sealed class HangfireHostLogging(ILoggerFactory factory) : IDisposable
{
    private readonly IDisposable _attachment = HangfireLogRouting.Instance.Attach(factory);

    public void Dispose() => _attachment.Dispose();
}
