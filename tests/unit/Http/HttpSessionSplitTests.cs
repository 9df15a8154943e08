using System.Text;
using System.Text.RegularExpressions;
using AdminServer.Engine.Services;
using AdminServer.Engine.Services.Http;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Http;

/// <summary>
/// The session alone, fed exactly as the engine feeds it (what it leaves unconsumed comes back in front of the next
/// bytes): every way of cutting a pipelined stream in two, and one byte at a time, gives the same responses.
/// Deterministic, unlike a socket, where the kernel decides how the bytes are grouped into reads.
/// </summary>
public sealed class HttpSessionSplitTests : IDisposable
{
    private readonly HttpSite _site = new();

    private static readonly byte[] Stream = Encoding.ASCII.GetBytes(
        "GET /a.txt HTTP/1.1\r\nHost: x\r\n\r\n" +
        "POST /a.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789" +
        "\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"x\"\r\n\r\n" +
        "HEAD /dir/ HTTP/1.1\r\nHost: x\r\n\r\n" +
        "GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    private string Feed(IEnumerable<int> cuts)
    {
        var session = new HttpService(new HttpOptions { Root = _site.Root }).OpenSession();
        var output = new SessionOutput(0);
        var all = new StringBuilder();
        var carry = new List<byte>();
        int from = 0;
        foreach (int cut in cuts.Append(Stream.Length))
        {
            carry.AddRange(Stream.AsSpan(from, cut - from).ToArray());
            from = cut;
            output.Reset(nowMs: 1000);
            int used = session.OnData(carry.ToArray(), output);
            carry.RemoveRange(0, used);
            all.Append(Encoding.Latin1.GetString(output.WrittenSpan));
        }
        return Regex.Replace(all.ToString(), "Date: [^\r]*\r\n", "Date: -\r\n");
    }

    [Fact]
    public void Every_two_way_cut_and_a_byte_at_a_time_give_the_same_responses()
    {
        string whole = Feed([]);
        Assert.Equal([200, 405, 200, 200, 200], RawHttp.Statuses(whole));
        for (int cut = 1; cut < Stream.Length; cut++)
            Assert.True(whole == Feed([cut]), $"cut at byte {cut} ({Encoding.ASCII.GetString(Stream, Math.Max(0, cut - 5), Math.Min(10, Stream.Length - Math.Max(0, cut - 5)))}) changed the responses");
        Assert.Equal(whole, Feed(Enumerable.Range(1, Stream.Length - 1)));
    }

    public void Dispose() => _site.Dispose();
}
