using System.Security.Claims;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;
using PartyOrg.Dashboard.Features.Access;
using PartyOrg.Dashboard.Features.Audit;
using PartyOrg.Dashboard.Features.Practices;
using PartyOrg.Dashboard.Features.Practices.Catalogue;

namespace PartyOrg.Dashboard.Components.Tests.Forms;

/// <summary>The practices catalogue page on a real SQLite database holding one practice, M04.</summary>
public sealed class PracticeCatalogueTests : ComponentTest, IAsyncLifetime
{
    private OrgDatabase _db = default!;

    public async ValueTask InitializeAsync()
    {
        _db = await DashboardProvince.CreateAsync(Services);
        Services.AddSingleton<AuditLog>();
        Services.AddPracticeCatalogue();
        var board = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bantochuc@demo.travinh.vn"), new Claim(ClaimTypes.Role, Roles.OrgBoard)], "test"));
        var saved = await Services.GetRequiredService<PracticeCatalogueService>().SavePracticeAsync(board, null, new PracticeInput
        {
            Code = "M04", Name = "Phiếu khảo sát chất lượng sinh hoạt", NameEn = "Meeting quality survey", Description = "…",
            OriginDate = new DateOnly(2021, 1, 1), Target = PracticeTarget.Cells,
        }, Xunit.TestContext.Current.CancellationToken);
        Assert.True(saved.Saved);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public void A_malformed_code_is_shown_under_the_code_field_and_save_is_disabled()
    {
        using var culture = new CultureScope("vi-VN");
        SignIn(Roles.OrgBoard);
        var page = Render<PracticeCataloguePage>();
        page.WaitForAssertion(() => Assert.Equal("M04", page.Find("[data-testid='practice-code']").TextContent.Trim()));

        page.Find("[data-testid='practice-new']").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='practice-editor']")));
        Input(page, "field-code").Input("m-1");

        page.WaitForAssertion(() => Assert.Contains("Mã “m-1” không hợp lệ", Control(page, "field-code").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid='practice-save']").HasAttribute("disabled"));
    }

    private static IElement Input(IRenderedComponent<PracticeCataloguePage> page, string testId)
    {
        var element = page.Find($"[data-testid='{testId}']");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    private static IElement Control(IRenderedComponent<PracticeCataloguePage> page, string testId) =>
        Input(page, testId).Closest(".mud-input-control") ?? throw new InvalidOperationException(testId);
}
