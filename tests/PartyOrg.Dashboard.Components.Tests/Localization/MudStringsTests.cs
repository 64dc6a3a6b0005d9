using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PartyOrg.Dashboard.Components.Localization;
using PartyOrg.Dashboard.Components.Tests.Infrastructure;

namespace PartyOrg.Dashboard.Components.Tests.Localization;

/// <summary>MudBlazor's own component texts (pager tooltips …) follow the UI culture through <see cref="MudStringsLocalizer"/>, wired as the app wires it.</summary>
public sealed class MudStringsTests : ComponentTest
{
    private static readonly ResourceManager Resources = new(typeof(MudStrings));

    private IRenderedComponent<MudTable<int>> RenderPagedTable() =>
        Render<MudTable<int>>(p => p
            .Add(t => t.Items, Enumerable.Range(1, 30).ToList())
            .Add(t => t.RowsPerPage, 10)
            .Add(t => t.RowTemplate, i => $"<td>{i}</td>")
            .Add(t => t.PagerContent, (RenderFragment)(b =>
            {
                b.OpenComponent<MudTablePager>(0);
                b.AddAttribute(1, nameof(MudTablePager.HidePageNumber), true);
                b.CloseComponent();
            })));

    private static List<string?> PagerLabels(IRenderedComponent<MudTable<int>> table) =>
        [.. table.FindAll(".mud-table-pagination-actions button").Select(b => b.GetAttribute("aria-label"))];

    [Fact]
    public void Table_pager_buttons_are_labelled_in_Vietnamese()
    {
        using var culture = new CultureScope("vi-VN");

        var table = RenderPagedTable();

        Assert.Equal(["Trang đầu", "Trang trước", "Trang sau", "Trang cuối"], PagerLabels(table));
        Assert.DoesNotContain("First page", table.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_pager_buttons_are_labelled_in_English_in_the_English_UI()
    {
        using var culture = new CultureScope("en-US");

        var table = RenderPagedTable();

        Assert.Equal(["First page", "Previous page", "Next page", "Last page"], PagerLabels(table));
    }

    [Fact]
    public void Every_key_is_one_of_MudBlazors_and_has_both_languages_in_NFC()
    {
        // MudBlazor's key list is internal: read it from its assembly.
        var mudKeys = typeof(MudLocalizer).Assembly.GetType("MudBlazor.Resources.LanguageResource", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Select(f => f.Name).ToHashSet();
        Assert.Contains("MudTablePager_FirstPage", mudKeys);
        var vietnamese = Texts(CultureInfo.InvariantCulture);
        var english = Texts(CultureInfo.GetCultureInfo("en"));

        Assert.NotEmpty(vietnamese);
        Assert.Empty(vietnamese.Keys.Except(mudKeys));
        Assert.Equal(vietnamese.Keys.Order(), english.Keys.Order());
        Assert.All(vietnamese.Concat(english), e => Assert.True(!string.IsNullOrWhiteSpace(e.Value) && e.Value.IsNormalized(NormalizationForm.FormC), e.Key));
        Assert.All(vietnamese, e => Assert.NotEqual(english[e.Key], e.Value));
    }

    private static Dictionary<string, string> Texts(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!;
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }
}
