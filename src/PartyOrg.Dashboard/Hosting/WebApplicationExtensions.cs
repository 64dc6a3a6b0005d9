using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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

    /// <summary>Migrates, seeds on a first start, and prints where the app runs and how to sign in.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        bool demo;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var tasks = scope.ServiceProvider.GetRequiredService<StartupTasks>();
            await tasks.PrepareAsync(app.Lifetime.ApplicationStopping);
            demo = await tasks.HasDemoAccountsAsync(app.Lifetime.ApplicationStopping);
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
                ? $"  sign in with a demo account, e.g. {DemoAccounts.All[2].Email} / {DemoAccounts.Password} (README lists them all)"
                : "  sign in with an account created by: users add --email E --role Admin --password-stdin");
            Console.WriteLine();
        });
    }
}
