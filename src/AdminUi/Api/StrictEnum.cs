namespace AdminServer.AdminUi.Api;

/// <summary>
/// Enum parsing that accepts exactly one declared name (any case) and nothing else. Enum.TryParse
/// also takes " LT" (whitespace), "ET,LT" (a flag list, which became LT) and "1" (a number); a
/// setting that controls the engine must not be guessed from any of those.
/// </summary>
public static class StrictEnum
{
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var name in Enum.GetNames<T>())
        {
            if (!string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) continue;
            value = Enum.Parse<T>(name);
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>True when <paramref name="text"/> is exactly one of the names of <paramref name="enumType"/> (any case).</summary>
    public static bool IsName(Type enumType, string? text) =>
        Enum.GetNames(enumType).Any(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));

    /// <summary>"ET, LT": the accepted names, for error messages.</summary>
    public static string Names(Type enumType) => string.Join(", ", Enum.GetNames(enumType));
}
