using System.Buffers;
using System.Text.Unicode;

namespace AdminServer.Engine.Services.Http;

/// <summary>
/// A request target turned into a path under the root: the query cut off, percent-decoded once, checked
/// (no NUL, no backslash, no control character, valid UTF-8), then normalized ("//" and "." dropped).
/// A ".." segment is refused outright rather than resolved, so "%2e%2e" is refused too; a double-encoded
/// "%252e%252e" decodes to the literal name "%2e%2e", which is just a file that does not exist.
/// </summary>
internal static class RequestPath
{
    /// <summary>Writes the normalized path into <paramref name="output"/>; returns its length, or -1 when the target is refused (400).</summary>
    public static int Normalize(ReadOnlySpan<byte> target, Span<char> output)
    {
        int q = target.IndexOf((byte)'?');
        var raw = q < 0 ? target : target[..q];
        if (raw.IsEmpty || raw[0] != '/' || raw.Length > output.Length) return -1;

        Span<byte> decoded = stackalloc byte[raw.Length];
        int n = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            byte b = raw[i];
            if (b == '%')
            {
                if (i + 2 >= raw.Length || !IsHex(raw[i + 1]) || !IsHex(raw[i + 2])) return -1;
                b = (byte)(Hex(raw[i + 1]) << 4 | Hex(raw[i + 2]));
                i += 2;
            }
            if (b < 0x20 || b == 0x7f || b == '\\') return -1;
            decoded[n++] = b;
        }
        Span<char> chars = stackalloc char[n];
        if (Utf8.ToUtf16(decoded[..n], chars, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done) return -1;
        chars = chars[..written];

        int length = 0;
        bool trailingSlash = chars[^1] == '/';
        foreach (var range in chars.Split('/'))
        {
            var segment = chars[range];
            if (segment.IsEmpty || segment is ".") continue;
            if (segment is "..") return -1;
            output[length++] = '/';
            segment.CopyTo(output[length..]);
            length += segment.Length;
        }
        if (length == 0 || trailingSlash) output[length++] = '/';
        return length;
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
