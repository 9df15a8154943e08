using System.Text;

namespace AdminServer.E2eTests.Support;

/// <summary>A response read by <see cref="RawHttp"/>: the status, the header block and the (de-chunked) body.</summary>
public sealed record RawResponse(int Status, string Headers, string Body)
{
    public static RawResponse Parse(byte[] bytes)
    {
        int end = IndexOf(bytes, "\r\n\r\n"u8, 0);
        if (end < 0) return new RawResponse(0, Encoding.UTF8.GetString(bytes), "");
        string head = Encoding.ASCII.GetString(bytes, 0, end);
        var body = bytes.AsSpan(end + 4).ToArray();
        int status = int.Parse(head.Split(' ', 3)[1]);
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) body = Dechunk(body);
        return new RawResponse(status, head, Encoding.UTF8.GetString(body));
    }

    /// <summary>True once <paramref name="bytes"/> hold a whole response: headers, then the body its headers announce.</summary>
    public static bool IsComplete(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes);
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        var response = new RawResponse(0, text[..end], "");
        if (text.StartsWith("HTTP/1.1 101", StringComparison.Ordinal)) return true;
        if (response.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
            return text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
        if (int.TryParse(response.Header("Content-Length"), out int length)) return bytes.Length - (Encoding.UTF8.GetByteCount(text[..end]) + 4) >= length;
        return false; // no length: the server closes when done
    }

    public string? Header(string name) => Headers.Split("\r\n")
        .FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();

    private static byte[] Dechunk(byte[] body)
    {
        var result = new MemoryStream();
        int i = 0;
        while (i < body.Length)
        {
            int lineEnd = IndexOf(body, "\r\n"u8, i);
            if (lineEnd < 0) break;
            int size = Convert.ToInt32(Encoding.ASCII.GetString(body, i, lineEnd - i).Split(';')[0], 16);
            if (size == 0) break;
            result.Write(body, lineEnd + 2, Math.Min(size, body.Length - lineEnd - 2));
            i = lineEnd + 2 + size + 2;
        }
        return result.ToArray();
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle, int from)
    {
        int at = haystack.AsSpan(from).IndexOf(needle);
        return at < 0 ? -1 : from + at;
    }
}
