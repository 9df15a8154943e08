using System.Globalization;
using System.Text;

namespace AdminServer.Engine.Services.Http;

/// <summary>
/// The Date header, formatted once per second and shared by every thread (nginx's ngx_cached_http_time):
/// a request reads a reference, never formats.
/// </summary>
internal sealed class HttpDate
{
    private sealed record Cached(long Second, byte[] Header);

    private volatile Cached _cached = new(-1, []);

    /// <summary>"Date: …\r\n" for the second <paramref name="nowMs"/> falls in (monotonic ms, as sessions see it).</summary>
    public ReadOnlySpan<byte> Header(long nowMs)
    {
        var c = _cached;
        long second = nowMs / 1000;
        if (c.Second == second) return c.Header;
        var fresh = new Cached(second, Encoding.ASCII.GetBytes($"Date: {Format(DateTimeOffset.UtcNow)}\r\n"));
        _cached = fresh;
        return fresh.Header;
    }

    /// <summary>IMF-fixdate (RFC 9110 5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT".</summary>
    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
}
