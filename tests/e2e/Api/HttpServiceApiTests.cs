using System.Net;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Api;

/// <summary>The engine's HTTP service in the real process: the shipped demo site, sendfile for the large file, and its counters in the API.</summary>
public class HttpServiceApiTests
{
    [Fact]
    public async Task The_demo_site_is_served_and_the_http_counters_show_in_the_engine_state()
    {
        await using var server = await ServerProcess.StartAsync();
        using var web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };
        Assert.Equal("Hello, World!", await web.GetStringAsync("/plaintext"));
        Assert.Contains("Served by the AdminServer engine", await web.GetStringAsync("/"));
        Assert.Equal(4096, (await web.GetByteArrayAsync("/files/4k.txt")).Length);
        Assert.Equal(131072, (await web.GetByteArrayAsync("/files/128k.txt")).Length);
        Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync("/missing")).StatusCode);

        var state = await server.GetJsonAsync("/api/engine");
        var http = state.GetProperty("http");
        Assert.Equal(5, http.GetProperty("requests").GetInt64());
        Assert.Equal(4, http.GetProperty("responses2xx").GetInt64());
        Assert.Equal(1, http.GetProperty("responses4xx").GetInt64());
        Assert.True(http.GetProperty("duration").GetProperty("count").GetInt64() >= 5);
        Assert.True(state.GetProperty("counters").GetProperty("sendFiles").GetInt64() > 0, "the 128 KiB file did not go out with sendfile");
    }
}
