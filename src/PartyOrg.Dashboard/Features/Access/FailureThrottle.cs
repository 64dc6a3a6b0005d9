using Microsoft.AspNetCore.Http;

namespace PartyOrg.Dashboard.Features.Access;

/// <summary>
/// Counts failures per key (an account, a client address) in fixed windows on the app's <see cref="TimeProvider"/>,
/// so that only failures count and tests can move time. In memory: a restart forgets, which only shortens a
/// window. Used for failed sign-ins per account and bad bearer tokens per client address.
/// </summary>
public sealed class FailureThrottle(TimeProvider time)
{
    private const int SweepAbove = 10_000;
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

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
            if (_windows.Count > SweepAbove)
            {
                foreach (var stale in _windows.Where(p => now >= p.Value.Start + window).Select(p => p.Key).ToList())
                {
                    _windows.Remove(stale);
                }
            }

            _windows[key] = _windows.TryGetValue(key, out var w) && now < w.Start + window ? (w.Start, w.Count + 1) : (now, 1);
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

    /// <summary>Whole seconds for a <c>Retry-After</c> header, at least 1.</summary>
    public static string Seconds(TimeSpan wait) =>
        ((long)Math.Max(1, Math.Ceiling(wait.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
