using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PartyOrg.Dashboard.Features.DemoData;

public static class DemoDataServiceCollectionExtensions
{
    /// <summary>The demo seeder (needs <c>AddDatabase</c>'s <see cref="Infrastructure.Data.DatabaseSettings"/>).</summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<DemoMode>();
        return services;
    }
}
