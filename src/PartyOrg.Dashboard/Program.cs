using PartyOrg.Dashboard.Features.Aggregates;
using PartyOrg.Dashboard.Features.Briefings;
using PartyOrg.Dashboard.Features.Briefings.Archive;
using PartyOrg.Dashboard.Features.Cli;
using PartyOrg.Dashboard.Features.Dashboard;
using PartyOrg.Dashboard.Features.Health;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Features.Jobs;
using PartyOrg.Dashboard.Features.Organisation;
using PartyOrg.Dashboard.Hosting;
using PartyOrg.Dashboard.Infrastructure.Data;
using PartyOrg.Dashboard.Infrastructure.Proxy;

// One binary: `dotnet PartyOrg.Dashboard.dll <command> …` runs an admin command, anything else serves.
if (AppArguments.IsCommand(args))
{
    return await AdminCommands.RunAsync(args);
}

try
{
    var builder = WebApplication.CreateBuilder(AppArguments.ToConfiguration(args));
    builder.UseDefaultUrl("http://localhost:5000");
    // `dotnet run` (Production unless told otherwise) serves the top-level wwwroot and lib/ in place;
    // the SDK only does this by itself in Development. Published output has no such manifest: no-op.
    builder.WebHost.UseStaticWebAssets();
    builder.Services.AddPartyOrgCore(builder.Configuration, jobServer: true);
    builder.Services.AddWebUi();
    builder.Services.AddTrustedProxy();
    builder.Services.AddDashboard();
    builder.Services.AddOpenApi();

    var app = builder.Build();
    await app.PrepareAsync();
    app.UseAggregateSchedule();
    app.UseBriefingSchedule();

    app.UseTrustedProxy();
    app.UseWebUi();
    app.MapHealth();
    app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
    app.MapOrganisationApi();
    app.MapMetricsApi();
    app.MapImportsApi();
    app.MapBriefingsApi();
    app.MapJobsDashboard();
    app.MapWebUi();

    await app.RunAsync();
    return 0;
}
catch (StartupException ex)
{
    await Console.Error.WriteLineAsync($"partyorg: {ex.Message}");
    return 1;
}
