using PartyOrg.Dashboard.Features.Briefings.Documents;

namespace PartyOrg.Dashboard.Features.Briefings;

public static class BriefingDocumentsServiceCollectionExtensions
{
    /// <summary>The briefing documents: the model built from the aggregates and its PDF, DOCX and XLSX writers.</summary>
    public static IServiceCollection AddBriefingDocuments(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<BriefingBuilder>();
        services.AddSingleton<IBriefingRenderer, BriefingDocumentRenderer>();
        return services;
    }
}
