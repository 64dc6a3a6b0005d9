using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text;
using PartyOrg.Dashboard.Features.Dashboard.Analysis;

namespace PartyOrg.Dashboard.Components.Tests.Localization;

/// <summary>The texts of the attendance, surveys and practices pages: both languages, the same keys, NFC.</summary>
public sealed class AnalysisResourcesTests
{
    private static readonly ResourceManager Resources = new(typeof(AnalysisText));

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

        Assert.Equal("Sinh hoạt chi bộ", Resources.GetString("AttendanceTitle", CultureInfo.GetCultureInfo("vi-VN")));
        Assert.Equal("Cell meetings", Resources.GetString("AttendanceTitle", CultureInfo.GetCultureInfo("en-US")));
    }

    private static Dictionary<string, string> Texts(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"no resources for '{culture.Name}'");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }
}
