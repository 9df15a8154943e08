using System.Text;

namespace AdminServer.Engine.Services.Http;

/// <summary>The status lines the service sends, encoded once.</summary>
internal static class HttpStatus
{
    private static readonly Dictionary<int, byte[]> Lines = new()
    {
        [200] = Line("200 OK"),
        [301] = Line("301 Moved Permanently"),
        [304] = Line("304 Not Modified"),
        [400] = Line("400 Bad Request"),
        [404] = Line("404 Not Found"),
        [405] = Line("405 Method Not Allowed"),
        [408] = Line("408 Request Timeout"),
        [411] = Line("411 Length Required"),
        [413] = Line("413 Content Too Large"),
        [414] = Line("414 URI Too Long"),
        [431] = Line("431 Request Header Fields Too Large"),
        [500] = Line("500 Internal Server Error"),
        [501] = Line("501 Not Implemented"),
        [505] = Line("505 HTTP Version Not Supported"),
    };

    private static byte[] Line(string status) => Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n");

    public static ReadOnlySpan<byte> LineFor(int status) => Lines[status];

    /// <summary>The reason phrase alone, for error bodies.</summary>
    public static string Reason(int status) => Encoding.ASCII.GetString(Lines[status], 13, Lines[status].Length - 15);
}
