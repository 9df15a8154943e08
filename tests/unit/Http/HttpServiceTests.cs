using System.Net;
using System.Net.Sockets;
using System.Text;
using AdminServer.Engine.Config;
using AdminServer.Engine.Services.Http;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Http;

/// <summary>The HTTP/1.1 service against HttpClient and raw sockets: keep-alive, pipelining, files, conditional requests, every refusal.</summary>
public sealed class HttpServiceTests : IAsyncLifetime
{
    private readonly HttpSite _site = new();
    private TestEngine _server = null!;

    public async Task InitializeAsync()
    {
        _server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, false, EventModel.Reactor), concurrency: ConcurrencyKind.LoopPerCore,
            configure: o => o.Listeners.Add(new ListenerOptions { Name = "http", Service = "http", Address = "127.0.0.1", Port = 0 }),
            http: new HttpOptions { Root = _site.Root, MaxBodyBytes = 1000, KeepAliveSeconds = 30, RequestTimeoutSeconds = 30 });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _site.Dispose();
    }

    private HttpClient Client() => new() { BaseAddress = new Uri($"http://127.0.0.1:{_server.HttpPort}") };

    [Fact]
    public async Task Keep_alive_reuses_one_connection_for_many_requests()
    {
        using var client = Client();
        for (int i = 0; i < 5; i++)
        {
            var r = await client.GetAsync("/plaintext");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("Hello, World!", await r.Content.ReadAsStringAsync());
            Assert.Equal("text/plain", r.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(r.Headers.Date);
        }
        Assert.Equal(1, _server.Engine.GetState().Listeners.Single(l => l.Name == "http").Accepts);
        Assert.Equal(5, _server.Engine.GetHttpStats()!.Responses2xx);
    }

    [Fact]
    public async Task Pipelined_requests_are_answered_in_order()
    {
        string request = "GET /a.txt HTTP/1.1\r\nHost: x\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\nHEAD /index.html HTTP/1.1\r\nHost: x\r\n\r\nGET /missing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        var responses = await RawHttp.ExchangeAsync(_server.HttpPort, request);
        Assert.Equal([200, 200, 200, 404], RawHttp.Statuses(responses));
        int alpha = responses.IndexOf("alpha\n", StringComparison.Ordinal), hello = responses.IndexOf("Hello, World!", StringComparison.Ordinal);
        Assert.True(alpha > 0 && hello > alpha, "the bodies are not in request order");
        Assert.DoesNotContain("<h1>home</h1>", responses); // HEAD has no body
        Assert.Contains("Connection: close", responses);
    }

    [Fact]
    public async Task Head_has_the_headers_of_get_and_no_body()
    {
        using var client = Client();
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/big.bin"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(_site.Big.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Large_files_go_out_with_sendfile_and_arrive_whole()
    {
        using var client = Client();
        long before = _server.Engine.GetState().Counters.SendFiles;
        var body = await client.GetByteArrayAsync("/big.bin");
        Assert.Equal(_site.Big, body);
        Assert.True(_server.Engine.GetState().Counters.SendFiles > before, "the body was not sent with sendfile");
        Assert.True(_server.Engine.GetState().Counters.SendFileBytes >= _site.Big.Length);
    }

    [Fact]
    public async Task A_directory_serves_its_index_and_without_its_slash_redirects()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{_server.HttpPort}") };
        Assert.Equal("<h1>home</h1>\n", await client.GetStringAsync("/"));
        Assert.Equal("<h1>dir</h1>\n", await client.GetStringAsync("/dir/"));
        var redirect = await client.GetAsync("/dir");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/dir/", redirect.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Conditional_requests_answer_304_with_the_validators()
    {
        using var client = Client();
        var first = await client.GetAsync("/a.txt");
        var lastModified = first.Content.Headers.LastModified;
        var etag = first.Headers.ETag;
        Assert.NotNull(lastModified);
        Assert.NotNull(etag);

        var byDate = new HttpRequestMessage(HttpMethod.Get, "/a.txt");
        byDate.Headers.IfModifiedSince = lastModified;
        var notModified = await client.SendAsync(byDate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        var byTag = new HttpRequestMessage(HttpMethod.Get, "/a.txt");
        byTag.Headers.IfNoneMatch.Add(etag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(byTag)).StatusCode);

        var otherTag = new HttpRequestMessage(HttpMethod.Get, "/a.txt");
        otherTag.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"other\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(otherTag)).StatusCode);
    }

    [Fact]
    public async Task A_changed_file_is_served_fresh()
    {
        using var client = Client();
        Assert.Equal("alpha\n", await client.GetStringAsync("/a.txt"));
        File.WriteAllText(Path.Combine(_site.Root, "a.txt"), "beta!!\n");
        File.SetLastWriteTimeUtc(Path.Combine(_site.Root, "a.txt"), DateTime.UtcNow.AddMinutes(1));
        await TestEngine.WaitUntil(async () => await client.GetStringAsync("/a.txt") == "beta!!\n", "the new content", 5000);
    }

    [Fact]
    public async Task Http10_closes_unless_keep_alive_was_asked()
    {
        var plain = await RawHttp.ExchangeAsync(_server.HttpPort, "GET /plaintext HTTP/1.0\r\n\r\n");
        Assert.Contains("Connection: close", plain); // and the server closed: ExchangeAsync saw EOF
        using var s = await LoopbackClient.ConnectAsync(_server.HttpPort);
        await s.SendAsync("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"u8.ToArray(), SocketFlags.None);
        var kept = await RawHttp.ReadUntilAsync(s, "Hello, World!");
        Assert.Contains("Connection: keep-alive", kept);
        await s.SendAsync("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"u8.ToArray(), SocketFlags.None); // still open
        Assert.Contains("Hello, World!", await RawHttp.ReadUntilAsync(s, "Hello, World!"));
    }

    public static TheoryData<string, int> Refusals() => new()
    {
        { "GARBAGE\r\n\r\n", 400 },
        { "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n", 404 },
        { "POST /a.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc", 405 },
        { "GET /a.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n", 413 },
        { "GET /" + new string('a', 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414 },
        { "GET / HTTP/1.1\r\nHost: x\r\n" + string.Concat(Enumerable.Range(0, 101).Select(i => $"X-{i}: y\r\n")) + "\r\n", 431 },
        { "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + new string('b', 17000) + "\r\n\r\n", 431 },
        { "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505 },
        { "GET / HTTP/1.1\r\n\r\n", 400 },                                                              // no Host
        { "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400 },                                          // two Hosts
        { "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400 }, // smuggling shape
        { "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501 },
        { "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400 },
        { "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400 },
        { "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 4\r\n\r\n", 400 },
        { "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400 },                                                   // whitespace before the colon
        { "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n folded\r\n\r\n", 400 },                              // obs-fold
        { "GET / HTTP/1.1\nHost: x\n\n", 400 },                                                         // bare LF
        { "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400 },                                                  // two spaces
        { "GET /../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "GET /%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "GET /%2E%2E%2Fetc%2Fpasswd HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "GET /dir/..%2f..%2fetc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "GET /%252e%252e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 404 },                              // double-encoded: a literal name
        { "GET /a%00.txt HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "GET /a%5c..%5cb HTTP/1.1\r\nHost: x\r\n\r\n", 400 },                                          // backslash
        { "GET /escape/secret.txt HTTP/1.1\r\nHost: x\r\n\r\n", 404 },                                   // symlinked directory outside the root
        { "GET /secret-link.txt HTTP/1.1\r\nHost: x\r\n\r\n", 404 },                                     // symlinked file outside the root
        { "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "GET /%ff%fe HTTP/1.1\r\nHost: x\r\n\r\n", 400 },                                              // not UTF-8
        { "GET http://evil/ HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_bad_request_gets_its_status(string request, int status)
    {
        var response = await RawHttp.ExchangeAsync(_server.HttpPort, request, halfClose: false, timeoutMs: 2000);
        Assert.Equal(status, RawHttp.Statuses(response).FirstOrDefault());
        if (status is 400 or 413 or 414 or 431 or 501 or 505) Assert.Contains("Connection: close", response);
        if (status == 405) Assert.Contains("Allow: GET, HEAD", response);
    }

    [Fact]
    public async Task TLS_bytes_on_the_plain_port_get_400_and_a_close()
    {
        // The start of a TLS 1.2 ClientHello.
        byte[] hello = [0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03, .. new byte[100], (byte)'\r', (byte)'\n', (byte)'\r', (byte)'\n'];
        var response = await RawHttp.ExchangeAsync(_server.HttpPort, hello);
        Assert.Equal([400], RawHttp.Statuses(response));
    }

    [Fact]
    public async Task Any_split_of_a_pipelined_stream_gives_the_same_responses()
    {
        var stream = Encoding.ASCII.GetBytes(
            "GET /a.txt HTTP/1.1\r\nHost: x\r\n\r\n" +
            "POST /a.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789" +
            "\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"x\"\r\n\r\n" +
            "HEAD /dir/ HTTP/1.1\r\nHost: x\r\n\r\n" +
            "GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        string whole = RawHttp.WithoutDates(await RawHttp.ExchangeAsync(_server.HttpPort, stream));
        Assert.Equal([200, 405, 200, 200, 200], RawHttp.Statuses(whole));
        var rng = new Random(17);
        for (int run = 0; run < 25; run++)
        {
            var cuts = Enumerable.Range(0, rng.Next(1, 12)).Select(_ => rng.Next(1, stream.Length)).Distinct().Order().ToArray();
            string split = RawHttp.WithoutDates(await RawHttp.ExchangeAsync(_server.HttpPort, stream, cuts, pauseMs: 2));
            Assert.Equal(whole, split);
        }
        // And one byte at a time.
        string bytewise = RawHttp.WithoutDates(await RawHttp.ExchangeAsync(_server.HttpPort, stream, Enumerable.Range(1, stream.Length - 1).ToArray()));
        Assert.Equal(whole, bytewise);
    }

    [Fact]
    public async Task Random_bytes_never_crash_the_server_and_get_400_or_a_close()
    {
        var rng = new Random(99);
        for (int i = 0; i < 200; i++)
        {
            var junk = new byte[rng.Next(1, 3000)];
            rng.NextBytes(junk);
            if (i % 3 == 0) junk = [.. junk, (byte)'\r', (byte)'\n', (byte)'\r', (byte)'\n'];
            var response = await RawHttp.ExchangeAsync(_server.HttpPort, junk, timeoutMs: 300);
            var statuses = RawHttp.Statuses(response);
            Assert.True(statuses.Length == 0 || statuses[0] is 400 or 414 or 431 or 505, $"run {i}: answered {string.Join(",", statuses)}");
        }
        using var client = Client();
        Assert.Equal("Hello, World!", await client.GetStringAsync("/plaintext"));
    }
}
