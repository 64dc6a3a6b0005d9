using Hangfire;
using Microsoft.Extensions.Options;
using PartyOrg.Dashboard.Features.Briefings.Archive;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Features.Briefings;

public static class BriefingArchiveServiceCollectionExtensions
{
    /// <summary>
    /// The archive, the generator, the schedule and their jobs. The generator needs an
    /// <see cref="IBriefingRenderer"/>, registered by the briefing documents' own <c>AddBriefingDocuments()</c>.
    /// </summary>
    public static IServiceCollection AddBriefingArchive(this IServiceCollection services)
    {
        services.AddOptions<BriefingOptions>().BindConfiguration(BriefingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BriefingAccess>();
        services.AddSingleton<BriefingArchive>();
        services.AddTransient<BriefingGenerator>();
        services.AddTransient(sp => new Lazy<BriefingGenerator>(sp.GetRequiredService<BriefingGenerator>));
        services.AddTransient<BriefingScheduleRunner>();
        services.AddTransient<BriefingJobs>();
        services.AddTransient<BriefingScheduler>();
        return services;
    }

    /// <summary>
    /// Registers (or, with <c>Briefings:Schedule=false</c>, removes) the quarterly run and the daily
    /// catch-up, Asia/Ho_Chi_Minh, and queues a catch-up now for what was missed while the app was down.
    /// </summary>
    public static WebApplication UseBriefingSchedule(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<BriefingOptions>>().Value;
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        if (!options.Schedule)
        {
            recurring.RemoveIfExists(BriefingJobs.QuarterlyJobId);
            recurring.RemoveIfExists(BriefingJobs.CatchUpJobId);
            return app;
        }

        var zone = new RecurringJobOptions { TimeZone = AppClock.Zone };
        recurring.AddOrUpdate<BriefingJobs>(BriefingJobs.QuarterlyJobId, j => j.QuarterlyAsync(CancellationToken.None), BriefingJobs.QuarterlyCron(options.DaysAfterQuarterEnd), zone);
        recurring.AddOrUpdate<BriefingJobs>(BriefingJobs.CatchUpJobId, j => j.CatchUpAsync(CancellationToken.None), BriefingJobs.CatchUpCron, zone);
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<BriefingScheduler>().EnqueueCatchUp());
        return app;
    }
}
