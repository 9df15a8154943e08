namespace AdminServer.AdminUi.Components.Shared;

/// <summary>
/// Line colours per theme: light tones on the dark background, deeper ones on white (the light
/// theme's collisions line is dark gold, not a yellow nobody can read). Each at least 3:1 against its background.
/// </summary>
public static class ChartPalette
{
    private static readonly string[] Dark = ["#64b5f6", "#81c784", "#ffb74d", "#ce93d8", "#4db6ac", "#e57373", "#fff176"];
    private static readonly string[] Light = ["#1565c0", "#2e7d32", "#bf360c", "#6a1b9a", "#00695c", "#c62828", "#7a5c00"];

    public const int Blue = 0, Green = 1, Orange = 2, Purple = 3, Teal = 4, Red = 5, Yellow = 6;

    public static string Color(int index, bool dark) => (dark ? Dark : Light)[index % Dark.Length];
}
