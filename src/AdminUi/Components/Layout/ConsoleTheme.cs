using MudBlazor;

namespace AdminServer.AdminUi.Components.Layout;

/// <summary>The console's palettes: one theme with a light and a dark side, switched in the app bar.</summary>
public static class ConsoleTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00897b",
            AppbarBackground = "#1565c0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#64b5f6",
            Secondary = "#4db6ac",
            Background = "#121418",
            Surface = "#1c1f26",
            AppbarBackground = "#1c1f26",
            DrawerBackground = "#16191f",
        },
    };
}
