using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text;
using PartyOrg.Dashboard.Features.Dashboard;

namespace PartyOrg.Dashboard.Components.Tests.Localization;

/// <summary>The texts that explain a scope resolved through lineage: both languages, the same keys, NFC.</summary>
public sealed class ScopeResourcesTests
{
    private static readonly ResourceManager Resources = new(typeof(ScopeText));

    [Fact]
    public void Every_Vietnamese_text_has_an_English_translation_and_back()
    {
        var vietnamese = Texts(CultureInfo.InvariantCulture);
        var english = Texts(CultureInfo.GetCultureInfo("en"));

        Assert.NotEmpty(vietnamese);
        Assert.Empty(vietnamese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(vietnamese.Keys));
        Assert.All(english, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
    }

    [Fact]
    public void Texts_are_Unicode_NFC_and_Vietnamese_is_the_neutral_language()
    {
        foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("en") })
        {
            Assert.All(Texts(culture), e => Assert.True(e.Value.IsNormalized(NormalizationForm.FormC), e.Key));
        }

        Assert.Equal("{0} kết thúc ngày {1}; các đơn vị kế thừa:", Resources.GetString("Successors", CultureInfo.GetCultureInfo("vi-VN")));
        Assert.Equal("{0} ended on {1}; the units that continue it:", Resources.GetString("Successors", CultureInfo.GetCultureInfo("en-US")));
    }

    private static Dictionary<string, string> Texts(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"no resources for '{culture.Name}'");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }
}
