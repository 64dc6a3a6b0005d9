namespace PartyOrg.Dashboard.Features.Organisation;

public static class OrganisationServiceCollectionExtensions
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddSingleton<OrgTreeService>();
        services.AddSingleton<ScopeResolver>();
        services.AddSingleton<StructureService>();
        return services;
    }
}
