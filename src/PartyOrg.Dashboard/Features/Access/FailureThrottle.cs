using Microsoft.AspNetCore.Http;

namespace PartyOrg.Dashboard.Features.Access;

/// <summary>
/// Counts failures per key (an account, a client address) in fixed windows on the app's <see cref="TimeProvider"/>,
/// so that only failures count and tests can move time. In memory: a restart forgets, which only shortens a
/// window, and each node counts its own (with several nodes a limit is that many times looser for a client that
/// the balancer spreads over them). Used for failed sign-ins per account and bad bearer tokens per client address.
/// </summary>
public sealed class FailureThrottle(TimeProvider time)
{
    private const int SweepAbove = 10_000;
    private readonly Dictionary<string, (DateTimeOffset Start, int Count, DateTimeOffset End)> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DateTimeOffset _nextSweep;

    /// <returns>How long until <paramref name="key"/> may try again, or null when it may now.</returns>
    public TimeSpan? RetryAfter(string key, int limit, TimeSpan window)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            return _windows.TryGetValue(key, out var w) && w.Count >= limit && now < w.Start + window
                ? w.Start + window - now
                : null;
        }
    }

    public void RecordFailure(string key, TimeSpan window)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            // Ended windows are dropped when many keys are held (a spray of unknown accounts), each by its own end,
            // and at most once a minute, so that a failure does not scan them all every time.
            if (_windows.Count > SweepAbove && now >= _nextSweep)
            {
                foreach (var ended in _windows.Where(p => now >= p.Value.End).Select(p => p.Key).ToList())
                {
                    _windows.Remove(ended);
                }

                _nextSweep = now.AddMinutes(1);
            }

            _windows[key] = _windows.TryGetValue(key, out var w) && now < w.Start + window ? (w.Start, w.Count + 1, w.Start + window) : (now, 1, now + window);
        }
    }

    public void Reset(string key)
    {
        lock (_lock)
        {
            _windows.Remove(key);
        }
    }

    /// <summary>The key of a request's client address (behind a proxy, as forwarded-headers middleware sets it).</summary>
    public static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Answers a throttled request: 429 and when to try again (unless the answer has begun).</summary>
    public static void Refuse(HttpResponse response, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = Seconds(wait);
        }
    }

    /// <summary>Whole seconds for a <c>Retry-After</c> header, at least 1.</summary>
    private static string Seconds(TimeSpan wait) =>
        ((long)Math.Max(1, Math.Ceiling(wait.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
