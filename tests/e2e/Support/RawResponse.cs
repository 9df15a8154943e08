namespace AdminServer.E2eTests.Support;

/// <summary>A response read by <see cref="RawHttp"/>: the status, the header block and the (de-chunked) body.</summary>
public sealed record RawResponse(int Status, string Headers, string Body)
{
    public static RawResponse Parse(string text)
    {
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return new RawResponse(0, text, "");
        string head = text[..end];
        string body = text[(end + 4)..];
        int status = int.Parse(head.Split(' ', 3)[1]);
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) body = Dechunk(body);
        return new RawResponse(status, head, body);
    }

    /// <summary>True once <paramref name="bytes"/> hold a whole response: headers, then the body its headers announce.</summary>
    public static bool IsComplete(byte[] bytes)
    {
        string text = System.Text.Encoding.UTF8.GetString(bytes);
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        var response = new RawResponse(0, text[..end], "");
        if (text.StartsWith("HTTP/1.1 101", StringComparison.Ordinal)) return true;
        if (response.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
            return text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
        if (int.TryParse(response.Header("Content-Length"), out int length)) return bytes.Length - (System.Text.Encoding.UTF8.GetByteCount(text[..end]) + 4) >= length;
        return false; // no length: the server closes when done
    }

    public string? Header(string name) => Headers.Split("\r\n")
        .FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();

    private static string Dechunk(string body)
    {
        var result = new System.Text.StringBuilder();
        int i = 0;
        while (i < body.Length)
        {
            int lineEnd = body.IndexOf("\r\n", i, StringComparison.Ordinal);
            if (lineEnd < 0) break;
            int size = Convert.ToInt32(body[i..lineEnd].Split(';')[0], 16);
            if (size == 0) break;
            result.Append(body, lineEnd + 2, Math.Min(size, body.Length - lineEnd - 2));
            i = lineEnd + 2 + size + 2;
        }
        return result.ToString();
    }
}
