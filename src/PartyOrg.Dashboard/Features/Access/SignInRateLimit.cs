using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PartyOrg.Dashboard.Resources;

namespace PartyOrg.Dashboard.Features.Access;

/// <summary>
/// The ASP.NET Core rate limiter, partitioned by client address, on the sign-in form's POST: at most
/// <see cref="ThrottleOptions.SignInPerClient"/> per window whatever their outcome (a password spray over many
/// accounts from one address), answered 429 with <c>Retry-After</c>. Failures per account are counted by
/// <see cref="AccountSignIn"/>, bad bearer tokens by <see cref="ApiTokenAuthenticationHandler"/>.
/// </summary>
internal static class SignInRateLimit
{
    public const string SignInPath = "/account/login";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ThrottleOptions>>((o, throttle) =>
        {
            var limits = throttle.Value;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(FailureThrottle.ClientKey(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.SignInPerClient,
                        Window = limits.SignInWindow,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limits.SignInWindow;
                FailureThrottle.Refuse(context.HttpContext.Response, wait);
                var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(text["LoginThrottled", Minutes(wait)], cancellationToken);
            };
        });
        return services;
    }

    /// <summary>Whole minutes to wait, at least 1, for the message.</summary>
    public static int Minutes(TimeSpan wait) => (int)Math.Max(1, Math.Ceiling(wait.TotalMinutes));
}
