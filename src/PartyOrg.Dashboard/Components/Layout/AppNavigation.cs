using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using PartyOrg.Dashboard.Features.Access;

namespace PartyOrg.Dashboard.Components.Layout;

/// <summary>One link of the drawer menu.</summary>
/// <param name="Href">Absolute path of the page (or server endpoint) it opens.</param>
/// <param name="LabelKey">Key of its label in <c>Resources/Ui.resx</c>.</param>
/// <param name="Roles">Comma-separated roles that see it (as <c>AuthorizeView Roles</c>); null: every signed-in user.</param>
/// <param name="ServerEndpoint">Served outside the Blazor router (e.g. the Hangfire dashboard): always shown, loaded in full.</param>
public sealed record NavItem(string Href, string LabelKey, string Icon, string? Roles = null, bool ServerEndpoint = false)
{
    public NavLinkMatch Match => Href == "/" ? NavLinkMatch.All : NavLinkMatch.Prefix;

    /// <summary>A stable hook for tests: <c>nav-home</c>, <c>nav-units</c>, <c>nav-hangfire</c>…</summary>
    public string TestId => Href == "/" ? "nav-home" : "nav-" + Href.Trim('/').Replace('/', '-');
}

/// <summary>A block of the menu: untitled, or a titled group (e.g. "Quản trị").</summary>
public sealed record NavSection(string? TitleKey, string? Icon, string? Roles, IReadOnlyList<NavItem> Items);

/// <summary>
/// The whole drawer menu, in order. Adding a page to the menu is one line here; a page link is shown
/// only once a routable component serves its path (see <see cref="PageCatalog"/>).
/// </summary>
public static class AppNavigation
{
    private const string DataEntryRoles = $"{Roles.Admin},{Roles.OrgBoard},{Roles.DistrictEditor}";
    private const string CatalogueRoles = $"{Roles.Admin},{Roles.OrgBoard}";

    public static IReadOnlyList<NavSection> Sections { get; } =
    [
        new(null, null, null,
        [
            new("/", "NavOverview", Icons.Material.Filled.Dashboard),
            new("/units", "NavUnits", Icons.Material.Filled.AccountTree),
            new("/attendance", "NavAttendance", Icons.Material.Filled.EventAvailable),
            new("/surveys", "NavSurveys", Icons.Material.Filled.Poll),
            new("/practices", "NavPractices", Icons.Material.Filled.Lightbulb),
            new("/briefings", "NavBriefings", Icons.Material.Filled.Description),
            new("/imports", "NavImports", Icons.Material.Filled.UploadFile, DataEntryRoles),
            new("/meetings", "NavMeetingEntry", Icons.Material.Filled.EditCalendar, DataEntryRoles),
            new("/practices/catalogue", "NavPracticeCatalogue", Icons.Material.Filled.EditNote, CatalogueRoles),
        ]),
        new("NavAdministration", Icons.Material.Filled.AdminPanelSettings, Roles.Admin,
        [
            new("/admin", "NavUsers", Icons.Material.Filled.ManageAccounts, Roles.Admin),
            new("/admin/audit", "NavAudit", Icons.Material.Filled.History, Roles.Admin),
            new("/hangfire", "NavJobs", Icons.Material.Filled.Schedule, Roles.Admin, ServerEndpoint: true),
        ]),
    ];

    /// <summary>The sections with only the links that lead somewhere; empty sections dropped.</summary>
    public static IReadOnlyList<NavSection> Available(IEnumerable<NavSection> sections, PageCatalog pages) =>
        sections
            .Select(s => s with { Items = s.Items.Where(i => i.ServerEndpoint || pages.Serves(i.Href)).ToList() })
            .Where(s => s.Items.Count > 0)
            .ToList();
}
