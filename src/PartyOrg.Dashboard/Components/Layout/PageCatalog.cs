using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace PartyOrg.Dashboard.Components.Layout;

/// <summary>The paths served by routable components, so that the menu never links to a missing page.</summary>
public sealed class PageCatalog
{
    private readonly HashSet<string> _paths;

    public PageCatalog(IEnumerable<string> routeTemplates) =>
        _paths = new HashSet<string>(routeTemplates.Select(Normalize), StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>@page</c> templates of every component in <paramref name="assembly"/>.</summary>
    public static PageCatalog FromAssembly(Assembly assembly) =>
        new(assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>(inherit: false))
            .Select(r => r.Template));

    public bool Serves(string path) => _paths.Contains(Normalize(path));

    private static string Normalize(string path) => "/" + path.Trim().Trim('/');
}
