using PartyOrg.Dashboard.Hosting;

namespace PartyOrg.Dashboard.Features.Cli;

/// <summary>The app's services without the web server, for one admin command.</summary>
internal sealed class CommandHost : IAsyncDisposable
{
    private readonly IHost _host;

    private CommandHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>Test seam: services a test adds to the command's host (e.g. a fake renderer), for its own async flow only.</summary>
    internal static AsyncLocal<Action<IServiceCollection>?> TestServices { get; } = new();

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public static Task<CommandHost> StartAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = AppArguments.ToConfiguration(args),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddPartyOrgCore(builder.Configuration, jobServer: false);
        TestServices.Value?.Invoke(builder.Services);
        return Task.FromResult(new CommandHost(builder.Build()));
    }

    public ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable d)
        {
            return d.DisposeAsync();
        }

        _host.Dispose();
        return ValueTask.CompletedTask;
    }
}
