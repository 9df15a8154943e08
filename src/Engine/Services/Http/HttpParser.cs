using System.Buffers.Text;
using System.Text;

namespace AdminServer.Engine.Services.Http;

/// <summary>
/// HTTP/1.1 request heads (RFC 9112), strictly: CRLF line ends, one space between the request line's
/// parts, no whitespace before a header's colon, no obs-fold, token field names, a Content-Length that
/// is digits only and agrees with itself. Whatever does not parse is refused; nothing is guessed, so
/// nothing can be smuggled past a proxy that would read it differently. Allocates nothing.
/// </summary>
internal static class HttpParser
{
    public const int MaxRequestLine = 8 * 1024;
    public const int MaxHeaderBytes = 16 * 1024;
    public const int MaxHeaderFields = 100;

    /// <summary>Parses a complete head (request line and header lines, ending with the empty line) into <paramref name="head"/>.</summary>
    public static void Parse(ReadOnlySpan<byte> bytes, ref HttpRequestHead head)
    {
        head.ContentLength = -1;
        int lf = bytes.IndexOf((byte)'\n');
        if (!TryLine(bytes, lf, out var line)) { head.Error = 400; return; }
        ParseRequestLine(line, ref head);
        if (head.Error != 0) return;
        var rest = bytes[(lf + 1)..];
        int fields = 0;
        while (true)
        {
            lf = rest.IndexOf((byte)'\n');
            if (!TryLine(rest, lf, out line)) { head.Error = 400; return; }
            rest = rest[(lf + 1)..];
            if (line.IsEmpty) return; // the empty line: end of the head
            if (++fields > MaxHeaderFields) { head.Error = 431; return; }
            ParseField(line, ref head);
            if (head.Error != 0) return;
        }
    }

    /// <summary>The line before the LF at <paramref name="lf"/>, which must be preceded by CR (a bare LF or CR is refused).</summary>
    private static bool TryLine(ReadOnlySpan<byte> bytes, int lf, out ReadOnlySpan<byte> line)
    {
        line = default;
        if (lf < 1 || bytes[lf - 1] != '\r') return false;
        line = bytes[..(lf - 1)];
        return !line.Contains((byte)'\r');
    }

    private static void ParseRequestLine(ReadOnlySpan<byte> line, ref HttpRequestHead head)
    {
        int sp1 = line.IndexOf((byte)' ');
        if (sp1 <= 0) { head.Error = 400; return; }
        head.Method = line[..sp1];
        if (!IsToken(head.Method)) { head.Error = 400; return; }
        var afterMethod = line[(sp1 + 1)..];
        int sp2 = afterMethod.IndexOf((byte)' ');
        if (sp2 <= 0) { head.Error = 400; return; }
        head.Target = afterMethod[..sp2];
        foreach (byte b in head.Target)
            if (b <= 0x20 || b == 0x7f) { head.Error = 400; return; }
        var version = afterMethod[(sp2 + 1)..];
        if (version.SequenceEqual("HTTP/1.1"u8)) head.Http11 = true;
        else if (version.SequenceEqual("HTTP/1.0"u8)) head.Http11 = false;
        else if (version.Length == 8 && version.StartsWith("HTTP/"u8) && IsDigit(version[5]) && version[6] == '.' && IsDigit(version[7])) head.Error = 505;
        else head.Error = 400;
    }

    private static void ParseField(ReadOnlySpan<byte> line, ref HttpRequestHead head)
    {
        if (line[0] is (byte)' ' or (byte)'\t') { head.Error = 400; return; } // obs-fold
        int colon = line.IndexOf((byte)':');
        if (colon <= 0) { head.Error = 400; return; }
        var name = line[..colon];
        if (!IsToken(name)) { head.Error = 400; return; } // includes whitespace before the colon
        var value = line[(colon + 1)..].Trim(" \t"u8);
        if (value.Contains((byte)0)) { head.Error = 400; return; }

        if (name.Length == 4 && Ascii.EqualsIgnoreCase(name, "host"u8)) head.HostCount++;
        else if (Ascii.EqualsIgnoreCase(name, "content-length"u8)) ParseContentLength(value, ref head);
        else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8)) head.TransferEncoding = true;
        else if (Ascii.EqualsIgnoreCase(name, "connection"u8)) ParseConnection(value, ref head);
        else if (Ascii.EqualsIgnoreCase(name, "if-modified-since"u8)) head.IfModifiedSince = value;
        else if (Ascii.EqualsIgnoreCase(name, "if-none-match"u8)) head.IfNoneMatch = value;
    }

    /// <summary>Digits only; a list (or repeated header) of one same value is that value; anything else is refused.</summary>
    private static void ParseContentLength(ReadOnlySpan<byte> value, ref HttpRequestHead head)
    {
        foreach (var range in value.Split((byte)','))
        {
            var item = value[range].Trim(" \t"u8);
            if (item.IsEmpty || item.Length > 18) { head.Error = 400; return; }
            foreach (byte b in item)
                if (!IsDigit(b)) { head.Error = 400; return; }
            if (!Utf8Parser.TryParse(item, out long n, out int used) || used != item.Length) { head.Error = 400; return; }
            if (head.ContentLength >= 0 && head.ContentLength != n) { head.Error = 400; return; }
            head.ContentLength = n;
        }
    }

    private static void ParseConnection(ReadOnlySpan<byte> value, ref HttpRequestHead head)
    {
        foreach (var range in value.Split((byte)','))
        {
            var option = value[range].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(option, "close"u8)) head.ConnectionClose = true;
            else if (Ascii.EqualsIgnoreCase(option, "keep-alive"u8)) head.ConnectionKeepAlive = true;
        }
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    /// <summary>RFC 9110 token: visible ASCII except separators.</summary>
    private static bool IsToken(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty) return false;
        foreach (byte b in s)
        {
            if (b <= 0x20 || b >= 0x7f) return false;
            if ("\"(),/:;<=>?@[\\]{}"u8.Contains(b)) return false;
        }
        return true;
    }
}
