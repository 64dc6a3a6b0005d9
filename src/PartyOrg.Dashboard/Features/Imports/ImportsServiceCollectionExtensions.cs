namespace PartyOrg.Dashboard.Features.Imports;

public static class ImportsServiceCollectionExtensions
{
    /// <summary>The import engine, undo, progress store and background job (web app and CLI).</summary>
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddOptions<ImportOptions>()
            .BindConfiguration(ImportOptions.Section)
            .Validate(o => o.MaxFileBytes > 0 && o.MaxUncompressedBytes > 0 && o.MaxRows > 0 && o.MaxCellChars > 0
                    && o.BackgroundFileBytes > 0 && o.ReportedProblems > 0 && o.WriteChunkRows > 0,
                "Imports: MaxFileBytes, MaxUncompressedBytes, MaxRows, MaxCellChars, BackgroundFileBytes, ReportedProblems and WriteChunkRows must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ImportProgressStore>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<ImportUndo>();
        services.AddTransient<ImportJobs>();
        return services;
    }
}
