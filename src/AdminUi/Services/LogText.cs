using System.Text;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// Makes a client-supplied value safe to put in a log line or an audit entry: control characters
/// (CR and LF above all, which would let a caller forge a whole log line) and Unicode line
/// separators become visible escapes such as <c>\n</c> or <c>\u001b</c>, a lone UTF-16 surrogate
/// (which JSON writers refuse) becomes U+FFFD, and the result is cut to a bounded length.
/// </summary>
public static class LogText
{
    public const int DefaultMax = 1000;

    public static string Clean(string? value, int max = DefaultMax)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value.Length <= max && !NeedsCleaning(value)) return value;
        var sb = new StringBuilder(Math.Min(value.Length, max) + 16);
        for (int i = 0; i < value.Length && sb.Length < max; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(c).Append(value[++i]);
                continue;
            }
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case var _ when char.IsSurrogate(c): sb.Append('\uFFFD'); break;
                case var _ when IsUnsafe(c): sb.Append($"\\u{(int)c:x4}"); break;
                default: sb.Append(c); break;
            }
        }
        if (sb.Length >= max && value.Length > max) sb.Append('…');
        return sb.ToString();
    }

    private static bool NeedsCleaning(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (IsUnsafe(c)) return true;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return true;
        }
        return false;
    }

    // C0, DEL, C1, and the line/paragraph separators some viewers break lines on.
    private static bool IsUnsafe(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085';
}
