using System.Reflection;
using System.Text.RegularExpressions;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Turns the configuration binder's failure ("Failed to convert configuration value at
/// 'Engine:Trigger' to type 'AdminServer.Engine.Config.TriggerMode'") into what an operator can act
/// on ("Engine:Trigger must be ET or LT, not 'XT'."): the key, the accepted values, the value given —
/// never a .NET type name.
/// </summary>
public static partial class ConfigErrorText
{
    /// <summary>A readable message for a bind failure of <paramref name="root"/>'s options type.</summary>
    public static string Describe(InvalidOperationException error, IConfiguration config, Type root, string section)
    {
        // The key path may be on an inner exception (a value inside a list of listeners).
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException) messages.Add(e.Message);
        if (messages.Select(m => UnknownKeys().Match(m)).FirstOrDefault(m => m.Success) is { } unknown)
        {
            string owner = unknown.Groups[1].Value.Split('.')[^1];
            string where = owner == root.Name ? section : owner.EndsWith("Options", StringComparison.Ordinal) ? $"a {owner[..^"Options".Length].ToLowerInvariant()} in {section}" : section;
            return $"{unknown.Groups[2].Value.Trim()} {(unknown.Groups[2].Value.Contains(',') ? "are not settings" : "is not a setting")} of {where}.";
        }
        var key = messages.Select(m => KeyPath().Match(m)).FirstOrDefault(m => m.Success);
        if (key is null) return $"The {section} section could not be read: " + WithoutTypeNames(messages[^1]);
        string path = key.Groups[1].Value;
        string? value = config[path];
        var type = TypeAt(root, path[(section.Length + 1)..]);
        string shown = value is null ? "" : $", not '{(value.Length > 100 ? value[..100] + "…" : value)}'";
        return $"{path} must be {Expected(type)}{shown}.";
    }

    /// <summary>"ET or LT", "a whole number", "true or false"…</summary>
    public static string Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type is null) return "a valid value";
        if (type.IsEnum) return OneOf(Enum.GetNames(type));
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short)) return "a whole number";
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return "a number";
        return "a valid value";
    }

    public static string OneOf(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Join("", names) : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";

    /// <summary>The property type at "A:0:B" below <paramref name="type"/> (list indexes skipped), or null.</summary>
    private static Type? TypeAt(Type type, string relative)
    {
        Type? current = type;
        foreach (var part in relative.Split(':'))
        {
            if (current is null) return null;
            if (int.TryParse(part, out _))
            {
                current = current.IsArray ? current.GetElementType() : current.GetGenericArguments().FirstOrDefault();
                continue;
            }
            current = current.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
        }
        return current;
    }

    // Whatever the binder says otherwise (an unknown key), minus namespaces: "… on type 'EngineOptions'".
    private static string WithoutTypeNames(string message) => TypeName().Replace(message, m => $"'{m.Groups[1].Value.Split('.')[^1]}'");

    [GeneratedRegex(@"at '([^']+)'")]
    private static partial Regex KeyPath();

    [GeneratedRegex(@"'([A-Za-z_][\w]*(?:\.[A-Za-z_][\w`]*)+)'")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"not found on the instance of ([\w.`]+): (.+)$")]
    private static partial Regex UnknownKeys();
}
