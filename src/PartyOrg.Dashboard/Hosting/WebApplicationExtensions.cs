using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Hosting;

public static class WebApplicationExtensions
{
    /// <summary>Serves on <paramref name="url"/> unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or configuration say otherwise.</summary>
    public static WebApplicationBuilder UseDefaultUrl(this WebApplicationBuilder builder, string url)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(url);
        }

        return builder;
    }

    /// <summary>
    /// Migrates, seeds on a first start, refuses to serve demo data beyond loopback (see <see cref="DemoExposure"/>),
    /// and prints where the app runs and how to sign in (never a password).
    /// </summary>
    /// <exception cref="StartupException">Demo data would be served on a network address.</exception>
    public static async Task PrepareAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AppOptions>>().Value;
        var added = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        bool demo, hasUsers;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var tasks = scope.ServiceProvider.GetRequiredService<StartupTasks>();
            var stopping = app.Lifetime.ApplicationStopping;
            await tasks.MigrateAsync(stopping);
            // Refused before anything is seeded: a first start on a network address leaves an empty database, not
            // a demo province with published passwords that the next start would refuse too.
            var seed = await tasks.DemoSeedDueAsync(stopping);
            demo = seed || await tasks.DetectDemoAsync(stopping);
            if (DemoExposure.Refusal([.. DemoExposure.ConfiguredUrls(app.Configuration), .. added], demo, options.AllowDemoOnNetwork) is { } refusal)
            {
                throw new StartupException(refusal);
            }

            if (await tasks.SeedDemoIfDueAsync(stopping))
            {
                await tasks.DetectDemoAsync(stopping);
            }

            hasUsers = await tasks.HasUsersAsync(stopping);
        }

        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        var dataDirectory = app.Services.GetRequiredService<DataDirectory>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine();
            Console.WriteLine($"PartyOrg.Dashboard is ready at {string.Join(", ", addresses)}");
            Console.WriteLine($"  data directory: {dataDirectory.Path}");
            Console.WriteLine($"  database:       {settings.Describe()}");
            Console.WriteLine(demo
                ? $"  DEMO DATA (every page says so): sign in with a demo account, e.g. {DemoAccounts.All[2].Email}; the README (Demo sign-in) lists them and their password"
                : hasUsers
                    ? "  sign in with your account"
                    : "  no account yet: create the first Admin with: dotnet PartyOrg.Dashboard.dll users add --email E --role Admin --password-stdin");
            Console.WriteLine();
        });
    }
}
