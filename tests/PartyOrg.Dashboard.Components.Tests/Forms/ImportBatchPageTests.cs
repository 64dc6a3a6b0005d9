using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Imports;
using PartyOrg.Dashboard.Features.Imports.Pages;
using PartyOrg.Dashboard.Infrastructure.Data;

namespace PartyOrg.Dashboard.Components.Tests.Forms;

/// <summary>The page of one written import, on a real SQLite database: details, quarters, who may see it, undo.</summary>
public sealed class ImportBatchPageTests : ComponentTest, IAsyncLifetime
{
    private const string Me = "user@demo.travinh.vn";
    private OrgDatabase _db = default!;
    private int _mine;
    private int _theirs;

    public async ValueTask InitializeAsync()
    {
        _db = await DashboardProvince.CreateAsync(Services);
        Services.AddSingleton<AuditLog>();
        Services.AddImports();
        _mine = await AddBatchAsync(Me, "hop-quy-3.csv", "20253,20254");
        _theirs = await AddBatchAsync("other@demo.travinh.vn", "khac.xlsx", "20244");
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public void An_admin_sees_what_the_batch_did_and_links_to_its_quarters()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.Admin);

        var page = Render<ImportBatchPage>(p => p.Add(x => x.BatchId, _theirs));

        page.WaitForAssertion(() => Assert.Equal("khac.xlsx", page.Find("[data-testid='batch-file']").TextContent.Trim()));
        Assert.Equal("120 dòng · thêm 100 · thay đổi 5 · đã có 15", page.Find("[data-testid='batch-counts']").TextContent.Trim());
        Assert.Equal("Đã nhập", page.Find("[data-testid='batch-status']").TextContent.Trim());
        var quarter = Assert.Single(page.FindAll("[data-testid='batch-quarters'] a"));
        Assert.Equal(("Quý IV/2024", "/?quarter=2024-Q4"), (quarter.TextContent.Trim(), quarter.GetAttribute("href")));
        Assert.Single(page.FindAll("[data-testid='batch-undo']"));
    }

    [Fact]
    public void A_district_editor_sees_their_own_batch_without_undo_and_not_another_users()
    {
        using var culture = new CultureScope("en-US");
        SignIn(Roles.DistrictEditor, scopeUnitCode: "TC");

        var mine = Render<ImportBatchPage>(p => p.Add(x => x.BatchId, _mine));
        mine.WaitForAssertion(() => Assert.Equal("hop-quy-3.csv", mine.Find("[data-testid='batch-file']").TextContent.Trim()));
        Assert.Equal(["Q3 2025", "Q4 2025"], mine.FindAll("[data-testid='batch-quarters'] a").Select(a => a.TextContent.Trim()).ToArray());
        Assert.Empty(mine.FindAll("[data-testid='batch-undo']"));

        var theirs = Render<ImportBatchPage>(p => p.Add(x => x.BatchId, _theirs));
        theirs.WaitForAssertion(() => Assert.Equal(
            $"There is no import batch {_theirs}, or you may not see it.", theirs.Find("[data-testid='batch-missing']").TextContent.Trim()));
        Assert.Empty(theirs.FindAll("[data-testid='batch-file']"));
    }

    [Fact]
    public async Task An_admin_undoes_the_batch_from_its_page()
    {
        using var culture = new CultureScope("en-US");
        SignIn(Roles.Admin);
        var page = Render<ImportBatchPage>(p => p.Add(x => x.BatchId, _mine));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='batch-undo']")));

        await page.Find("[data-testid='batch-undo']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.StartsWith($"Undone by {Me}, at ", page.Find("[data-testid='batch-status']").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid='batch-undo']"));
        await using var db = await _db.Contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        var batch = await db.ImportBatches.SingleAsync(b => b.Id == _mine, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal((ImportBatchStatus.Undone, (int?)null), (batch.Status, batch.SourceId));
    }

    private async Task<int> AddBatchAsync(string by, string file, string quarters)
    {
        await using var db = await _db.Contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        var source = new FactSource { Kind = FactSourceKind.Import, Label = file, CreatedBy = by, CreatedAt = DateTimeOffset.UnixEpoch };
        db.FactSources.Add(source);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        var batch = new ImportBatch
        {
            SourceId = source.Id, Kind = ImportKinds.Meetings, FileName = file, Sha256 = new string('a', 64), Rows = 120, Added = 100, Changed = 5,
            AlreadyStored = 15, Status = ImportBatchStatus.Completed, CreatedBy = by, CreatedAt = new DateTimeOffset(2025, 2, 1, 2, 0, 0, TimeSpan.Zero),
            Quarters = quarters,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        return batch.Id;
    }
}
