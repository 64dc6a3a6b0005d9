using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql.Factories;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Infrastructure;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Features.Jobs;

/// <summary>The <c>Jobs</c> configuration section.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// Where Hangfire keeps its jobs: <c>Auto</c> (SQLite file beside the database on the embedded
    /// default, the same PostgreSQL server otherwise) or <c>InMemory</c> (tests).
    /// </summary>
    public string Storage { get; set; } = "Auto";

    /// <summary>Run a Hangfire server in this process (the web app does; CLI commands only enqueue).</summary>
    public bool RunServer { get; set; } = true;

    public int WorkerCount { get; set; } = 2;
}

public static class JobsServiceCollectionExtensions
{
    public const string HangfireFileName = "hangfire.db";

    /// <summary>How long a job fetched on PostgreSQL stays invisible after its worker's last keep-alive.</summary>
    public static readonly TimeSpan PostgresInvisibilityTimeout = TimeSpan.FromSeconds(45);

    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, bool server)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);

        // Hangfire keeps a "current" storage, activator and logger in process-wide statics, and its own registrations
        // answer those statics. With two hosts in one process (the test run's app factories, in-process admin
        // commands) one host would be handed the other's, and fail once that host ended. So this host registers its
        // own storage (built here, never made "current") and activator first, which Hangfire's registrations leave
        // alone, and Hangfire's static logging routes each line to a running host (HangfireLogRouting).
        services.AddAppNode();
        services.AddSingleton<HangfireHostLogging>();
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>();
            return CreateStorage(sp, options);
        });
        services.AddHangfire((sp, config) =>
        {
            sp.GetRequiredService<HangfireHostLogging>();
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(HangfireLogRouting.Instance);
        });

        if (server && options.RunServer)
        {
            // Before the job server starts fetching: jobs a crash interrupted go back to their queue.
            services.AddHostedService<InterruptedJobs>();
            services.AddHangfireServer((sp, o) =>
            {
                o.WorkerCount = Math.Max(1, options.WorkerCount);
                o.ServerName = InterruptedJobs.ServerName(sp.GetRequiredService<AppNode>());
            });
        }

        return services;
    }

    private static JobStorage CreateStorage(IServiceProvider services, JobsOptions options)
    {
        if (string.Equals(options.Storage, "InMemory", StringComparison.OrdinalIgnoreCase))
        {
            return new InMemoryStorage();
        }

        var settings = services.GetRequiredService<DatabaseSettings>();
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            // A job whose node died goes back to the queue within a minute: the fetched job is kept invisible only while
            // its worker keeps it alive (sliding), for 45 s after its last keep-alive, and idle workers look every 5 s.
            var postgres = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = PostgresInvisibilityTimeout,
                QueuePollInterval = TimeSpan.FromSeconds(5),
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(settings.ConnectionString, postgres), postgres);
        }

        var file = services.GetRequiredService<DataDirectory>().PrivateFile(HangfireFileName);
        return new SQLiteStorage(file, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
    }

    /// <summary>The Hangfire dashboard, for Admins only (no anonymous or local-request bypass).</summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [],
            AppPath = "/",
            DashboardTitle = "PartyOrg.Dashboard — Hangfire",
        }).RequireAuthorization(AccessServiceCollectionExtensions.Policies.Admin);
        return endpoints;
    }
}
