using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text;

namespace PartyOrg.Dashboard.Components.Tests.Localization;

/// <summary>
/// Every resource pair of the app (found in the assembly, so a new feature's texts are checked without
/// being listed here): Vietnamese is the neutral language and English the satellite, with the same keys,
/// no empty text, all in Unicode NFC.
/// </summary>
public sealed class ResourcePairsTests
{
    private const string Suffix = ".resources";
    private static readonly Assembly App = typeof(PartyOrg.Dashboard.Components.App).Assembly;

    public static TheoryData<string> BaseNames => new(Names());

    [Fact]
    public void The_features_texts_are_all_found()
    {
        var names = Names();

        Assert.Contains("PartyOrg.Dashboard.Resources.Ui", names);
        Assert.Contains("PartyOrg.Dashboard.Features.Imports.ImportText", names);
        Assert.Contains("PartyOrg.Dashboard.Features.Dashboard.ScopeText", names);
        Assert.Contains("PartyOrg.Dashboard.Components.Localization.MudStrings", names);
        Assert.True(names.Count >= 11, string.Join(", ", names));
    }

    [Theory]
    [MemberData(nameof(BaseNames))]
    public void Every_text_has_both_languages_with_the_same_keys_in_NFC(string baseName)
    {
        var resources = new ResourceManager(baseName, App);
        var vietnamese = Texts(resources, CultureInfo.InvariantCulture);
        var english = Texts(resources, CultureInfo.GetCultureInfo("en"));

        Assert.NotEmpty(vietnamese);
        Assert.Empty(vietnamese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(vietnamese.Keys));
        Assert.All(vietnamese.Concat(english), e => Assert.True(!string.IsNullOrWhiteSpace(e.Value) && e.Value.IsNormalized(NormalizationForm.FormC), e.Key));
    }

    [Theory]
    [InlineData("PartyOrg.Dashboard.Resources.Ui", "NavOverview", "Tổng quan", "Overview")]
    [InlineData("PartyOrg.Dashboard.Features.Dashboard.Analysis.AnalysisText", "AttendanceTitle", "Sinh hoạt chi bộ", "Cell meetings")]
    [InlineData("PartyOrg.Dashboard.Features.Dashboard.ScopeText", "Successors", "{0} kết thúc ngày {1}; các đơn vị kế thừa:", "{0} ended on {1}; the units that continue it:")]
    public void Vietnamese_is_the_neutral_language_so_vi_VN_needs_no_satellite(string baseName, string key, string vietnamese, string english)
    {
        var resources = new ResourceManager(baseName, App);

        Assert.Equal(vietnamese, resources.GetString(key, CultureInfo.GetCultureInfo("vi-VN")));
        Assert.Equal(english, resources.GetString(key, CultureInfo.GetCultureInfo("en-US")));
    }

    private static List<string> Names() =>
        [.. App.GetManifestResourceNames().Where(n => n.EndsWith(Suffix, StringComparison.Ordinal)).Select(n => n[..^Suffix.Length]).Order(StringComparer.Ordinal)];

    private static Dictionary<string, string> Texts(ResourceManager resources, CultureInfo culture) =>
        (resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) ?? throw new InvalidOperationException($"no resources for '{culture.Name}'"))
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
}
