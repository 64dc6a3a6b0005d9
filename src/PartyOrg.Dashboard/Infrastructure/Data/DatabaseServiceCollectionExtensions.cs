using Microsoft.EntityFrameworkCore;

namespace PartyOrg.Dashboard.Infrastructure.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// The data directory, the database settings and a context factory. Resolution fails fast with a
    /// <see cref="StartupException"/> naming the problem.
    /// </summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);

        var appOptions = configuration.GetSection(AppOptions.Section).Get<AppOptions>() ?? new AppOptions();
        var dbOptions = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var dataDirectory = DataDirectory.Open(appOptions.DataDir ?? configuration[DataDirectory.EnvironmentVariable]);
        var settings = DatabaseSettings.Resolve(dbOptions, dataDirectory);

        services.AddSingleton(dataDirectory);
        services.AddSingleton(settings);
        services.AddSingleton<IDbContextFactory<AppDbContext>, AppDbContextFactory>();
        // ASP.NET Core Identity's stores need a scoped context; everything else uses the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }
}
