using Microsoft.Extensions.Options;

namespace PartyOrg.Dashboard.Features.Access;

/// <summary>
/// The <c>Access:Session</c> configuration section: how long a sign-in cookie lives. Every session of a user
/// ends within <see cref="ValidationInterval"/> of their security stamp changing (sign-out, a new password,
/// another role or scope, disabling): the cookie is checked against the stamp in the database that often,
/// and an open page's circuit re-checks it just as often.
/// </summary>
/// <remarks>
/// Security-stamp validation rather than a server-side ticket store: the stamp already lives on the user row of
/// both providers, so every node of a scaled-out app sees a change at once with no new table or cache, and the
/// price is one indexed read per user and minute.
/// </remarks>
public sealed class SessionOptions
{
    public const string Section = "Access:Session";

    /// <summary>A session not used for this long ends (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after its sign-in, however busy.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often a cookie and an open circuit are checked against the user's security stamp.</summary>
    public TimeSpan ValidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    internal static readonly TimeSpan MaxValidationInterval = TimeSpan.FromMinutes(1);

    internal bool IsValid(out string problem)
    {
        problem = this switch
        {
            { IdleTimeout: var idle } when idle < TimeSpan.FromMinutes(1) || idle > TimeSpan.FromDays(1) =>
                $"{Section}:IdleTimeout must be from 00:01:00 to 1.00:00:00 (is {IdleTimeout})",
            { AbsoluteLifetime: var life } when life < IdleTimeout || life > TimeSpan.FromDays(30) =>
                $"{Section}:AbsoluteLifetime must be at least IdleTimeout ({IdleTimeout}) and at most 30.00:00:00 (is {AbsoluteLifetime})",
            { ValidationInterval: var every } when every <= TimeSpan.Zero || every > MaxValidationInterval =>
                $"{Section}:ValidationInterval must be more than zero and at most 00:01:00 (is {ValidationInterval})",
            _ => string.Empty,
        };
        return problem.Length == 0;
    }
}

/// <summary>Refuses a <see cref="SessionOptions"/> out of range at start-up, naming the setting.</summary>
internal sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionOptions options) =>
        options.IsValid(out var problem) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
}
