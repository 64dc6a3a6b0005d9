using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Infrastructure;

/// <summary>
/// This process as the other nodes see it: a name (<c>PartyOrg:NodeName</c>, by default the machine's name) and the
/// process id. Leases and the job server carry it, so a message can say who holds what, and a lease held by a process
/// of this node that no longer runs is known to be dead at once.
/// </summary>
public sealed class AppNode
{
    /// <summary>Node names longer than this are cut, so that a lease holder fits its column.</summary>
    public const int MaxNameLength = 24;

    public AppNode(string? name)
    {
        var chosen = string.IsNullOrWhiteSpace(name) ? Environment.MachineName : name.Trim();
        Name = new string([.. chosen.Take(MaxNameLength).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);
        ProcessId = Environment.ProcessId;
    }

    public string Name { get; }

    public int ProcessId { get; }

    /// <summary>
    /// Whether the holder is a process of this node that has ended (a crash, a kill): what it held is free. A process
    /// of another node is never known to have ended here.
    /// </summary>
    public bool HasEndedHere(string node, int processId)
    {
        if (!string.Equals(node, Name, StringComparison.Ordinal) || processId == ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}

public static class AppNodeServiceCollectionExtensions
{
    /// <summary>Registers this node once (<c>PartyOrg:NodeName</c>), for every feature that names it.</summary>
    public static IServiceCollection AddAppNode(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new AppNode(sp.GetService<IConfiguration>()?[$"{AppOptions.Section}:{nameof(AppOptions.NodeName)}"]));
        return services;
    }
}
