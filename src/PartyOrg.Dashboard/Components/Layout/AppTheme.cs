using MudBlazor;

namespace PartyOrg.Dashboard.Components.Layout;

/// <summary>The dashboard's palette: Party red and gold, calm greys for data.</summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#B71C1C",
            Secondary = "#F9A825",
            AppbarBackground = "#B71C1C",
            Background = "#F7F7F8",
            DrawerBackground = "#FFFFFF",
            Success = "#2E7D32",
            Warning = "#EF6C00",
            Error = "#C62828",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Segoe UI", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
