using System.ComponentModel.DataAnnotations;

namespace PartyOrg.Dashboard.Features.Access;

/// <summary>
/// The <c>Access:Throttle</c> configuration section. Instead of locking an account after failed sign-ins (which
/// lets a stranger keep anyone out), failures are throttled: per account for a short window, per client address
/// for sign-in posts and bad bearer tokens. A throttled request gets 429 with <c>Retry-After</c>, for unknown and
/// existing accounts alike.
/// </summary>
public sealed class ThrottleOptions
{
    public const string Section = "Access:Throttle";

    /// <summary>Sign-in posts one client address may send per <see cref="SignInWindowSeconds"/> (any outcome).</summary>
    [Range(1, 10_000)]
    public int SignInPerClient { get; set; } = 20;

    [Range(1, 3600)]
    public int SignInWindowSeconds { get; set; } = 60;

    /// <summary>Failed sign-ins for one e-mail (known or not) before it is refused for the rest of the window.</summary>
    [Range(1, 1000)]
    public int FailuresPerAccount { get; set; } = 5;

    /// <summary>The account window: short, so a stranger's failures keep the owner out for minutes at most.</summary>
    [Range(1, 3600)]
    public int AccountWindowSeconds { get; set; } = 300;

    /// <summary>Failed bearer tokens from one client address before its bearer requests are refused for the window.</summary>
    [Range(1, 10_000)]
    public int BadTokensPerClient { get; set; } = 20;

    [Range(1, 3600)]
    public int BadTokenWindowSeconds { get; set; } = 300;

    public TimeSpan SignInWindow => TimeSpan.FromSeconds(SignInWindowSeconds);

    public TimeSpan AccountWindow => TimeSpan.FromSeconds(AccountWindowSeconds);

    public TimeSpan BadTokenWindow => TimeSpan.FromSeconds(BadTokenWindowSeconds);
}
