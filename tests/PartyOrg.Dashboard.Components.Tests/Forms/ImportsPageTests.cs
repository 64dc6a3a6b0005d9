using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Features.Imports.Pages;

namespace PartyOrg.Dashboard.Components.Tests.Forms;

/// <summary>
/// <c>/imports/{id}</c> shows a run to the user who started it and to Admins; to anyone else it says the report is not
/// kept, exactly as for an id that never existed.
/// </summary>
public sealed class ImportsPageTests : ComponentTest, IAsyncLifetime
{
    private const string Me = "user@demo.travinh.vn";
    private const string RunId = "0123456789abcdef0123456789abcdef";
    private const string Failure = "Tệp của người khác";
    private readonly ImportProgressStore _store = new();
    private OrgDatabase _db = default!;

    public async ValueTask InitializeAsync()
    {
        _db = await DashboardProvince.CreateAsync(Services);
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddImports();
        Services.AddSingleton(_store);
        // The page enqueues only when a file is chosen, which these tests never do.
        Services.AddTransient(_ => new ImportJobs(null!, _store, null!, null!, null!));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Theory]
    [InlineData(Me, Roles.OrgBoard, true)]
    [InlineData("other@demo.travinh.vn", Roles.Admin, true)]
    [InlineData("other@demo.travinh.vn", Roles.OrgBoard, false)]
    public void A_run_is_shown_to_its_owner_and_admins_only(string owner, string role, bool shown)
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(role);
        Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false)); // as prerendered: nothing to poll
        _store.Set(new ImportProgress(RunId, ImportPhase.Failed, 0, 0, 0, null, Failure), owner);

        var page = Render<ImportsPage>(p => p.Add(x => x.ProgressId, RunId));

        Assert.Equal(shown, page.Markup.Contains(Failure, StringComparison.Ordinal));
        Assert.Equal(!shown, page.FindAll("[data-testid='import-missing']").Count == 1);
    }

    [Fact]
    public void Another_users_run_reads_like_an_unknown_id()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.OrgBoard);
        Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false)); // as prerendered: nothing to poll
        _store.Set(new ImportProgress(RunId, ImportPhase.Failed, 0, 0, 0, null, Failure), "other@demo.travinh.vn");

        var theirs = Render<ImportsPage>(p => p.Add(x => x.ProgressId, RunId)).Find("[data-testid='import-missing']").TextContent;
        var unknown = Render<ImportsPage>(p => p.Add(x => x.ProgressId, "fedcba9876543210fedcba9876543210")).Find("[data-testid='import-missing']").TextContent;

        Assert.Equal(unknown, theirs);
    }
}
