using Hangfire;
using PartyOrg.Dashboard.Infrastructure;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Aggregates;

public static class AggregatesServiceCollectionExtensions
{
    public static IServiceCollection AddAggregates(this IServiceCollection services)
    {
        services.AddSingleton<QuarterFactsLoader>();
        services.AddAppNode();
        services.AddSingleton<AggregateService>();
        services.AddSingleton<MetricsQueryService>();
        services.AddTransient<AggregateJobs>();
        services.AddTransient<AggregateScheduler>();
        services.AddTransient<FactChanges>();
        return services;
    }

    /// <summary>Registers (or updates) the nightly recompute, Asia/Ho_Chi_Minh.</summary>
    public static WebApplication UseAggregateSchedule(this WebApplication app)
    {
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<AggregateJobs>(
            AggregateJobs.NightlyJobId,
            j => j.NightlyAsync(CancellationToken.None),
            AggregateJobs.NightlyCron,
            new RecurringJobOptions { TimeZone = AppClock.Zone });
        return app;
    }
}
