using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text;
using PartyOrg.Dashboard.Features.Briefings.Archive;

namespace PartyOrg.Dashboard.Tests.Briefings;

/// <summary>The Briefings page's own texts: every key in both languages, NFC, placeholders alike.</summary>
public sealed class BriefingArchiveTextTests
{
    private static readonly ResourceManager Resources = new(typeof(BriefingArchiveText));

    [Fact]
    public void Every_text_exists_in_Vietnamese_and_English_with_the_same_placeholders()
    {
        var vietnamese = Texts(CultureInfo.InvariantCulture);
        var english = Texts(CultureInfo.GetCultureInfo("en"));

        Assert.Equal(vietnamese.Keys.Order(), english.Keys.Order());
        Assert.All(vietnamese, e => Assert.Equal(Placeholders(e.Value), Placeholders(english[e.Key])));
        Assert.Equal("Báo cáo quý", Resources.GetString("Title", CultureInfo.GetCultureInfo("vi-VN")));
        Assert.Equal("Quarterly briefings", Resources.GetString("Title", CultureInfo.GetCultureInfo("en-US")));
    }

    [Fact]
    public void Texts_are_Unicode_NFC()
    {
        foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("en") })
        {
            Assert.All(Texts(culture), e => Assert.True(e.Value.IsNormalized(NormalizationForm.FormC), e.Key));
        }
    }

    private static List<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order().ToList();

    private static Dictionary<string, string> Texts(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"no resources for '{culture.Name}'");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }
}
