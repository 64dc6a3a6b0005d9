using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using PartyOrg.Dashboard.Features.Access;
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

    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, bool server)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);

        // This host's storage, as configured below. Hangfire's own registration answers JobStorage.Current, a
        // process-wide static: with two hosts in one process (tests, CLI commands) a client could be handed the
        // other host's storage, and fail once that host is gone. Registered first, this one wins.
        JobStorage? storage = null;
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>();
            return storage ?? throw new InvalidOperationException("Hangfire's configuration did not choose a job storage.");
        });
        services.AddHangfire((sp, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            var settings = sp.GetRequiredService<DatabaseSettings>();
            if (string.Equals(options.Storage, "InMemory", StringComparison.OrdinalIgnoreCase))
            {
                storage = config.UseInMemoryStorage().Entry;
            }
            else if (settings.Provider == DatabaseProvider.Postgres)
            {
                storage = config.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(settings.ConnectionString),
                    new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true }).Entry;
            }
            else
            {
                var file = sp.GetRequiredService<DataDirectory>().File(HangfireFileName);
                storage = config.UseSQLiteStorage(file, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) }).Entry;
            }
        });

        if (server && options.RunServer)
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Max(1, options.WorkerCount);
                o.ServerName = $"partyorg-{Environment.MachineName}";
            });
        }

        return services;
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
