using MudBlazor;

namespace Tenure.Web.Components.Layout;

/// <summary>Tenure's colours and type: calm blues and greys, one accent, readable on a laptop and in print.</summary>
public static class TenureTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2952cc",
            Secondary = "#0f9d8a",
            Success = "#1e8e4f",
            Error = "#c6362b",
            Warning = "#b7791f",
            Background = "#f5f7fb",
            Surface = "#ffffff",
            TextPrimary = "#1b2333",
            TextSecondary = "#5b667a",
            AppbarBackground = "#ffffff",
            DrawerBackground = "#111827",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
