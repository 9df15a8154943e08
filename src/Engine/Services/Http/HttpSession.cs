using System.Buffers.Text;
using System.Diagnostics;
using System.Text;

namespace AdminServer.Engine.Services.Http;

/// <summary>
/// One HTTP/1.1 connection, in the book's model: a state machine fed whatever bytes arrived — request
/// line and headers, then the body — that never assumes one request per read. A head is parsed once it
/// is complete (the search for its end resumes where the last call stopped, so a byte-at-a-time sender
/// costs linear work), pipelined requests are answered in order, and a body is read and discarded.
/// Anything malformed or too large is answered with its 4xx (or 505) and the connection closes.
/// </summary>
internal sealed class HttpSession(HttpService service) : ITimedSession
{
    private static readonly byte[] ServerHeader = "Server: AdminServer\r\n"u8.ToArray();
    private static readonly byte[] PlaintextHeaders = "Content-Type: text/plain\r\nContent-Length: 13\r\n"u8.ToArray();
    private static readonly byte[] PlaintextBody = "Hello, World!"u8.ToArray();

    private int _scanned;       // bytes of the current head already searched for its end
    private int _lineEnd = -1;  // where the request line's LF is, once seen
    private long _bodyLeft;     // bytes of a request body still to read and discard
    private bool _closing;      // a response said "Connection: close": nothing more is read
    private long _startedMs;
    private long _startedTicks;

    public long RequestStartedMs => Volatile.Read(ref _startedMs);

    public int OnData(ReadOnlySpan<byte> input, ISessionOutput output)
    {
        if (_closing) return input.Length;
        int consumed = 0;
        while (consumed < input.Length)
        {
            var rest = input[consumed..];
            if (_bodyLeft > 0)
            {
                int take = (int)Math.Min(rest.Length, _bodyLeft);
                consumed += take;
                _bodyLeft -= take;
                if (_bodyLeft == 0) EndRequest(output);
                continue;
            }
            if (_scanned == 0 && rest[0] == '\r')
            {
                // An empty line before a request line is ignored (RFC 9112 2.2); a lone CR may be the first half of one.
                if (rest.Length == 1) return consumed;
                if (rest[1] == '\n') { consumed += 2; continue; }
            }
            if (_startedMs == 0)
            {
                Volatile.Write(ref _startedMs, Math.Max(1, output.NowMs));
                _startedTicks = Stopwatch.GetTimestamp();
            }
            int end = FindHeadEnd(rest);
            if (end < 0)
            {
                // Incomplete: hold the limits against what has arrived, then wait for more.
                if (_lineEnd < 0 && rest.Length > HttpParser.MaxRequestLine) return Refuse(414, output, input);
                if (rest.Length > HttpParser.MaxRequestLine + HttpParser.MaxHeaderBytes) return Refuse(431, output, input);
                return consumed;
            }
            if (_lineEnd >= HttpParser.MaxRequestLine) return Refuse(414, output, input);
            if (end - _lineEnd > HttpParser.MaxHeaderBytes) return Refuse(431, output, input);

            var head = new HttpRequestHead();
            HttpParser.Parse(rest[..end], ref head);
            consumed += end;
            _scanned = 0;
            _lineEnd = -1;
            if (!Respond(ref head, output)) return Close(output, input);
            if (head.ContentLength > 0) _bodyLeft = head.ContentLength;
            else EndRequest(output);
        }
        return consumed;
    }

    /// <summary>Index just past the head's empty line, or -1; remembers how far it looked and where the first line ended.</summary>
    private int FindHeadEnd(ReadOnlySpan<byte> rest)
    {
        int from = _scanned;
        while (true)
        {
            int lf = rest[from..].IndexOf((byte)'\n');
            if (lf < 0)
            {
                _scanned = rest.Length;
                return -1;
            }
            int p = from + lf;
            if (p == 0 || rest[p - 1] != '\r') return p + 1; // a bare LF: the head ends here, and the parser refuses it
            if (_lineEnd < 0) _lineEnd = p;
            else if (p >= 3 && rest[p - 1] == '\r' && rest[p - 2] == '\n' && rest[p - 3] == '\r') return p + 1;
            from = p + 1;
        }
    }

    private void EndRequest(ISessionOutput output)
    {
        service.Stats.Duration.Record(output.ThreadSlot, Stopwatch.GetTimestamp() - _startedTicks);
        Volatile.Write(ref _startedMs, 0);
    }

    /// <summary>Writes the response; false when the connection must close after it.</summary>
    private bool Respond(ref HttpRequestHead head, ISessionOutput output)
    {
        var stats = service.Stats.Row(output.ThreadSlot);
        var options = service.Options;
        stats[HttpStats.Requests]++;
        if (head.Error != 0) { stats[HttpStats.ParseErrors]++; return Error(head.Error, output, stats); }
        if (head.Http11 ? head.HostCount != 1 : head.HostCount > 1) return Error(400, output, stats);
        // Content-Length with Transfer-Encoding is the classic smuggling shape: refused. A chunked body alone is not supported.
        if (head.TransferEncoding) return Error(head.ContentLength >= 0 ? 400 : 501, output, stats);
        if (head.ContentLength > options.MaxBodyBytes) return Error(413, output, stats);
        bool keepAlive = head.Http11 ? !head.ConnectionClose : head.ConnectionKeepAlive && !head.ConnectionClose;

        bool isHead = head.Method.SequenceEqual("HEAD"u8);
        if (!isHead && !head.Method.SequenceEqual("GET"u8))
        {
            Start(405, output, stats, keepAlive, head.Http11);
            output.Write("Allow: GET, HEAD\r\n"u8);
            ErrorBody(405, output, stats, bodyless: false);
            return keepAlive;
        }
        if (head.Target.SequenceEqual("/plaintext"u8))
        {
            Start(200, output, stats, keepAlive, head.Http11);
            output.Write(PlaintextHeaders);
            output.Write("\r\n"u8);
            if (!isHead) { output.Write(PlaintextBody); stats[HttpStats.BodyBytes] += PlaintextBody.Length; }
            return keepAlive;
        }

        Span<char> path = stackalloc char[HttpParser.MaxRequestLine];
        int length = RequestPath.Normalize(head.Target, path);
        if (length < 0) return Error(400, output, stats);
        var outcome = service.Files.Find(path[..length], output.NowMs, out var entry);
        if (outcome == StaticFiles.Outcome.Redirect)
        {
            Start(301, output, stats, keepAlive, head.Http11);
            output.Write("Location: "u8);
            WriteChars(path[..length], output);
            output.Write("/\r\nContent-Length: 0\r\n\r\n"u8);
            return keepAlive;
        }
        if (outcome == StaticFiles.Outcome.NotFound || entry is null)
        {
            Start(404, output, stats, keepAlive, head.Http11);
            ErrorBody(404, output, stats, bodyless: isHead);
            return keepAlive;
        }
        if (NotModified(ref head, entry))
        {
            stats[HttpStats.NotModified]++;
            Start(304, output, stats, keepAlive, head.Http11);
            output.Write("Last-Modified: "u8);
            output.Write(entry.LastModified);
            output.Write("\r\nETag: "u8);
            output.Write(entry.ETag);
            output.Write("\r\n\r\n"u8);
            return keepAlive;
        }
        Start(200, output, stats, keepAlive, head.Http11);
        output.Write(entry.Headers);
        output.Write("\r\n"u8);
        if (isHead) return keepAlive;
        if (entry.Body is { } body) output.Write(body);
        else if (StaticFiles.Open(entry) is { } file) output.SendFile(file);
        else return false; // gone since we looked: the headers promised a body we cannot send
        stats[HttpStats.BodyBytes] += entry.Length;
        return keepAlive;
    }

    /// <summary>If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2); both compare exactly, as nginx does by default.</summary>
    private static bool NotModified(ref HttpRequestHead head, FileEntry entry)
    {
        if (!head.IfNoneMatch.IsEmpty)
        {
            if (head.IfNoneMatch.SequenceEqual("*"u8)) return true;
            foreach (var range in head.IfNoneMatch.Split((byte)','))
            {
                var tag = head.IfNoneMatch[range].Trim(" \t"u8);
                if (tag.StartsWith("W/"u8)) tag = tag[2..];
                if (tag.SequenceEqual(entry.ETag)) return true;
            }
            return false;
        }
        return !head.IfModifiedSince.IsEmpty && head.IfModifiedSince.SequenceEqual(entry.LastModified);
    }

    /// <summary>Status line, Server, Date and the connection's fate; counts the response by its class.</summary>
    private void Start(int status, ISessionOutput output, long[] stats, bool keepAlive, bool http11)
    {
        stats[status / 100]++;
        output.Write(HttpStatus.LineFor(status));
        output.Write(ServerHeader);
        output.Write(service.Date.Header(output.NowMs));
        if (!keepAlive) output.Write("Connection: close\r\n"u8);
        else if (!http11) output.Write("Connection: keep-alive\r\n"u8);
    }

    private bool Error(int status, ISessionOutput output, long[] stats)
    {
        Start(status, output, stats, keepAlive: false, http11: true);
        ErrorBody(status, output, stats, bodyless: false);
        return false;
    }

    private static void ErrorBody(int status, ISessionOutput output, long[] stats, bool bodyless)
    {
        string text = $"{status} {HttpStatus.Reason(status)}\n";
        output.Write("Content-Type: text/plain; charset=utf-8\r\nContent-Length: "u8);
        WriteNumber(text.Length, output);
        output.Write("\r\n\r\n"u8);
        if (bodyless) return;
        WriteAscii(text, output);
        stats[HttpStats.BodyBytes] += text.Length;
    }

    private int Refuse(int status, ISessionOutput output, ReadOnlySpan<byte> input)
    {
        var stats = service.Stats.Row(output.ThreadSlot);
        stats[HttpStats.Requests]++;
        stats[HttpStats.ParseErrors]++;
        Error(status, output, stats);
        return Close(output, input);
    }

    private int Close(ISessionOutput output, ReadOnlySpan<byte> input)
    {
        _closing = true;
        Volatile.Write(ref _startedMs, 0);
        output.CloseAfterFlush();
        return input.Length; // whatever else was sent is not read
    }

    public void OnRequestTimeout(ISessionOutput output)
    {
        var stats = service.Stats.Row(output.ThreadSlot);
        stats[HttpStats.Timeouts]++;
        Error(408, output, stats);
        _closing = true;
    }

    private static void WriteNumber(long n, ISessionOutput output)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(n, span, out int written);
        output.Advance(written);
    }

    private static void WriteAscii(string s, ISessionOutput output)
    {
        var span = output.GetSpan(s.Length);
        output.Advance(Encoding.ASCII.GetBytes(s, span));
    }

    /// <summary>A path for a Location header: UTF-8, with bytes outside the safe set percent-encoded.</summary>
    private static void WriteChars(ReadOnlySpan<char> path, ISessionOutput output)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(path.Length)];
        int n = Encoding.UTF8.GetBytes(path, utf8);
        foreach (byte b in utf8[..n])
        {
            if (b > 0x20 && b < 0x7f && b != '%' && b != '"' && b != '?' && b != '#') { output.GetSpan(1)[0] = b; output.Advance(1); }
            else
            {
                var span = output.GetSpan(3);
                span[0] = (byte)'%';
                span[1] = (byte)"0123456789ABCDEF"[b >> 4];
                span[2] = (byte)"0123456789ABCDEF"[b & 15];
                output.Advance(3);
            }
        }
    }
}
