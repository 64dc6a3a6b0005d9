using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text;
using PartyOrg.Dashboard.Features.Audit.Pages;
using PartyOrg.Dashboard.Features.Meetings.Entry;
using PartyOrg.Dashboard.Features.Practices.Catalogue;

namespace PartyOrg.Dashboard.Components.Tests.Forms;

/// <summary>The forms' and the audit page's own texts: Vietnamese (neutral) and English, key for key, in NFC.</summary>
public sealed class FormResourcesTests
{
    public static TheoryData<Type> Markers => [typeof(MeetingEntryText), typeof(PracticeCatalogueText), typeof(AuditText)];

    [Theory]
    [MemberData(nameof(Markers))]
    public void Every_text_has_both_languages_in_NFC(Type marker)
    {
        var resources = new ResourceManager(marker);
        var vietnamese = Texts(resources, CultureInfo.InvariantCulture);
        var english = Texts(resources, CultureInfo.GetCultureInfo("en"));

        Assert.NotEmpty(vietnamese);
        Assert.Equal(vietnamese.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        Assert.All(vietnamese.Concat(english), e => Assert.True(!string.IsNullOrWhiteSpace(e.Value) && e.Value.IsNormalized(NormalizationForm.FormC), e.Key));
    }

    private static Dictionary<string, string> Texts(ResourceManager resources, CultureInfo culture) =>
        (resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) ?? throw new InvalidOperationException(culture.Name))
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
}
