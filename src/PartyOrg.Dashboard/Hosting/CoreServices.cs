using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Briefings;
using PartyOrg.Dashboard.Features.DemoData;
using PartyOrg.Dashboard.Features.Health;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Features.Jobs;
using PartyOrg.Dashboard.Features.Meetings.Entry;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Features.Practices.Catalogue;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.KeyRing;
using PartyOrg.Dashboard.Infrastructure.Time;

namespace PartyOrg.Dashboard.Hosting;

public static class CoreServices
{
    /// <summary>Everything but the web UI: shared by the web app and the admin commands.</summary>
    public static IServiceCollection AddPartyOrgCore(this IServiceCollection services, IConfiguration configuration, bool jobServer)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AppClock>();
        services.AddDatabase(configuration);
        // Sign-in cookies survive restarts and are accepted by every node: the key ring lives in the database.
        services.AddKeyRing(configuration);
        services.AddAccess();
        services.AddOrganisation();
        services.AddDemoData();
        services.AddAggregates();
        services.AddSingleton<AuditLog>();
        services.AddImports();
        services.AddSingleton<AuditQueryService>();
        services.AddMeetingEntry();
        services.AddPracticeCatalogue();
        services.AddBriefingArchive();
        services.AddBriefingDocuments();
        services.AddJobs(configuration, jobServer);
        services.AddHealth();
        services.AddScoped<StartupTasks>();
        return services;
    }
}
