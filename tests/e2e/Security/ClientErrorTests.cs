using System.Text;
using System.Text.Json;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Security;

/// <summary>
/// Items 5 and 6: every way a client can get a body wrong is a small 4xx problem+json, never a 500,
/// and never an "unhandled exception" in the server's log; bodies are capped at 64 KiB, and what an
/// error echoes back is bounded.
/// </summary>
public class ClientErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerProcess Server => fixture.Server;

    private Task<RawResponse> Send(string method, string path, string body, string? extraHeaders = null) =>
        RawHttp.SendAsync(Server.AdminPort, $"""
            {method} {path} HTTP/1.1
            Host: 127.0.0.1:{Server.AdminPort}
            Authorization: {RawHttp.Basic}
            Content-Type: application/json
            Content-Length: {Encoding.UTF8.GetByteCount(body)}{(extraHeaders is null ? "" : "\n" + extraHeaders)}
            """, Encoding.UTF8.GetBytes(body));

    private void AssertNoServerError(RawResponse response, int status)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.DoesNotContain("unhandled exception", Server.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("fail:", Server.Output);
        Assert.DoesNotContain("   at ", response.Body); // no stack trace
    }

    [Theory]
    [InlineData("PATCH", "/api/engine", """{"trigger":"\ud800"}""")]
    [InlineData("PATCH", "/api/engine", """{"\ud800":1}""")]
    [InlineData("PATCH", "/api/engine", """{"trigger":"LT","x":["a","\udfff"]}""")]
    [InlineData("POST", "/api/signals", """{"target":{"kind":"self"},"signal":"\ud800"}""")]
    [InlineData("POST", "/api/signals", """{"target":{"kind":"\udc00","id":1},"signal":"TERM"}""")]
    [InlineData("POST", "/api/signals", """{"target":{"\ud800":"self"},"signal":"TERM"}""")]
    public async Task A_lone_surrogate_anywhere_in_a_json_body_is_a_400(string method, string path, string body)
    {
        var response = await Send(method, path, body);
        AssertNoServerError(response, 400);
        Assert.Contains("lone surrogate", response.Body);
        Assert.Equal("ET", (await Server.GetJsonAsync("/api/engine")).GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task A_bad_chunk_size_is_a_400()
    {
        var response = await RawHttp.SendAsync(Server.AdminPort, $"""
            PATCH /api/engine HTTP/1.1
            Host: 127.0.0.1:{Server.AdminPort}
            Authorization: {RawHttp.Basic}
            Content-Type: application/json
            Transfer-Encoding: chunked
            """, Encoding.ASCII.GetBytes("zz\r\n{\"trigger\":\"LT\"}\r\n0\r\n\r\n"));
        AssertNoServerError(response, 400);
    }

    [Fact]
    public async Task A_body_cut_short_by_the_clients_close_is_no_error_of_the_server()
    {
        // Kestrel takes the client's FIN as the end of the connection (it does not answer a
        // half-closed one), so there is no answer to read: what matters is that the server treats it
        // as the client's doing (499 at debug level) and not as its own failure.
        var response = await RawHttp.SendAsync(Server.AdminPort, $"""
            PATCH /api/engine HTTP/1.1
            Host: 127.0.0.1:{Server.AdminPort}
            Authorization: {RawHttp.Basic}
            Content-Type: application/json
            Content-Length: 100
            """, Encoding.ASCII.GetBytes("{\"trigger\":"), halfClose: true);
        Assert.True(response.Status is 0 or 400, $"status {response.Status}");
        await Task.Delay(200);
        Assert.DoesNotContain("unhandled exception", Server.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("fail:", Server.Output);
        Assert.Equal("ET", (await Server.GetJsonAsync("/api/engine")).GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task A_body_trickled_in_too_slowly_is_a_4xx()
    {
        // Kestrel's minimum body rate (240 bytes/s after a 5 s grace): 60 bytes over ~7 s is too slow.
        var body = Encoding.ASCII.GetBytes("{\"trigger\":\"LT\"," + new string(' ', 40) + "\"oneShot\":true}");
        var response = await RawHttp.SendAsync(Server.AdminPort, $"""
            PATCH /api/engine HTTP/1.1
            Host: 127.0.0.1:{Server.AdminPort}
            Authorization: {RawHttp.Basic}
            Content-Type: application/json
            Content-Length: {body.Length}
            """, body, pieces: 15, pause: TimeSpan.FromMilliseconds(500), timeoutSeconds: 30);
        Assert.InRange(response.Status, 400, 499);
        Assert.DoesNotContain("unhandled exception", Server.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("ET", (await Server.GetJsonAsync("/api/engine")).GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task A_declared_body_over_64_KiB_is_a_413_before_it_is_read()
    {
        string big = "{\"trigger\":\"" + new string('L', 70_000) + "\"}";
        var response = await Send("PATCH", "/api/engine", big);
        AssertNoServerError(response, 413);
    }

    [Fact]
    public async Task A_chunked_body_growing_past_64_KiB_is_a_413()
    {
        var chunks = new StringBuilder();
        string piece = new string(' ', 8000);
        for (int i = 0; i < 10; i++) chunks.Append($"{piece.Length:x}\r\n{piece}\r\n");
        chunks.Append("0\r\n\r\n");
        var response = await RawHttp.SendAsync(Server.AdminPort, $"""
            PATCH /api/engine HTTP/1.1
            Host: 127.0.0.1:{Server.AdminPort}
            Authorization: {RawHttp.Basic}
            Content-Type: application/json
            Transfer-Encoding: chunked
            """, Encoding.ASCII.GetBytes(chunks.ToString()));
        AssertNoServerError(response, 413);
    }

    [Fact]
    public async Task Thousands_of_unknown_keys_are_answered_with_a_few_hundred_bytes()
    {
        var body = "{" + string.Join(",", Enumerable.Range(0, 4000).Select(i => $"\"k{i}\":1")) + "}";
        Assert.InRange(body.Length, 30_000, 64 * 1024);
        var response = await Send("PATCH", "/api/engine", body);
        AssertNoServerError(response, 400);
        string detail = JsonDocument.Parse(response.Body).RootElement.GetProperty("detail").GetString()!;
        Assert.True(detail.Length < 1000, $"detail has {detail.Length} characters");
        Assert.Contains("3995 more problems not shown", detail);
    }

    [Fact]
    public async Task A_long_value_is_cut_in_the_error()
    {
        var response = await Send("PATCH", "/api/engine", "{\"trigger\":\"" + new string('x', 50_000) + "\"}");
        AssertNoServerError(response, 400);
        string detail = JsonDocument.Parse(response.Body).RootElement.GetProperty("detail").GetString()!;
        Assert.True(detail.Length < 300, $"detail has {detail.Length} characters");
    }

    [Fact]
    public async Task Many_large_requests_at_once_leave_the_memory_bounded()
    {
        long before = ProcStat.RssBytes(Server.Process.Id);
        string big = "{\"trigger\":\"" + new string('x', 5_000_000) + "\"}";
        var all = Enumerable.Range(0, 16).Select(_ => RawHttp.SendAsync(Server.AdminPort, $"""
            PATCH /api/engine HTTP/1.1
            Host: 127.0.0.1:{Server.AdminPort}
            Authorization: {RawHttp.Basic}
            Content-Type: application/json
            Transfer-Encoding: chunked
            """, Encoding.ASCII.GetBytes($"{big.Length:x}\r\n{big}\r\n0\r\n\r\n"))).ToList();
        foreach (var r in await Task.WhenAll(all)) Assert.True(r.Status is 413 or 0, $"status {r.Status}");
        long after = ProcStat.RssBytes(Server.Process.Id);
        Assert.True(after - before < 200L * 1024 * 1024, $"RSS grew by {(after - before) >> 20} MB");
    }
}
