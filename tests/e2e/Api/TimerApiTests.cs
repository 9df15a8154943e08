using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Api;

/// <summary>Idle keepalive timers in the real server: the API's view, runtime switching, and the SIGALRM-ticked list.</summary>
public class TimerApiTests
{
    private static string Engine(string timer, int idleSeconds) => $$"""
        {
          "Workers": 2,
          "IdleTimeoutSeconds": {{idleSeconds}},
          "Timer": "{{timer}}",
          "Listeners": [
            { "Name": "echo", "Service": "echo", "Address": "127.0.0.1", "Port": 0 },
            { "Name": "discard", "Service": "discard", "Address": "127.0.0.1", "Port": 0 }
          ]
        }
        """;

    [Fact]
    public async Task Timers_shows_one_pending_timer_per_idle_connection_and_switching_keeps_them()
    {
        await using var server = await ServerProcess.StartAsync(Engine("Heap", 600));
        var clients = new List<TcpClient>();
        for (int i = 0; i < 5; i++)
        {
            var c = new TcpClient(AddressFamily.InterNetwork);
            await c.ConnectAsync(IPAddress.Loopback, server.EchoPort);
            clients.Add(c);
        }
        var timers = await Poll.UntilAsync(() => server.GetJsonAsync("/api/timers"), t => t.GetProperty("totalCount").GetInt32() == 5);
        Assert.Equal("Heap", timers.GetProperty("kind").GetString());
        Assert.Equal(5, timers.GetProperty("totalCount").GetInt32());
        // One structure per loop: the connections are spread over the loops, each loop holds the timers of its own.
        var perLoop = timers.GetProperty("loopCounts").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(5, perLoop.Sum());
        Assert.Equal(perLoop[timers.GetProperty("loop").GetInt32()], timers.GetProperty("count").GetInt32());
        Assert.Equal(timers.GetProperty("count").GetInt32(), timers.GetProperty("entries").GetArrayLength());
        for (int i = 0; i < perLoop.Length; i++)
            Assert.Equal(perLoop[i], (await server.GetJsonAsync($"/api/timers?loop={i}")).GetProperty("count").GetInt32());
        Assert.InRange(timers.GetProperty("nextDueInMs").GetInt64(), 1, 600_001);

        foreach (var kind in new[] { "Wheel", "List", "Heap" })
        {
            var response = await server.Api.PatchAsJsonAsync("/api/engine", new { timer = kind });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(5, body.GetProperty("timers").GetProperty("moved").GetInt32());
            Assert.Equal(kind, body.GetProperty("state").GetProperty("timer").GetString());
            var after = await server.GetJsonAsync("/api/timers");
            Assert.Equal(kind, after.GetProperty("kind").GetString());
            Assert.Equal(5, after.GetProperty("totalCount").GetInt32());
        }

        var bad = await server.Api.PatchAsync("/api/engine", new StringContent("""{"timer": "Tree"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("timer", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task The_sorted_list_ticked_by_SIGALRM_closes_an_idle_connection()
    {
        await using var server = await ServerProcess.StartAsync(Engine("List", 1));
        using var idle = new TcpClient(AddressFamily.InterNetwork);
        await idle.ConnectAsync(IPAddress.Loopback, server.EchoPort);
        var started = DateTime.UtcNow;
        int n = await idle.GetStream().ReadAsync(new byte[1]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, n); // EOF: the engine closed it
        var elapsed = DateTime.UtcNow - started;
        Assert.True(elapsed >= TimeSpan.FromSeconds(0.9), $"closed after {elapsed.TotalMilliseconds} ms: before the timeout");
        var closed = await server.GetJsonAsync("/api/connections/closed");
        Assert.Equal("idle timeout", closed[0].GetProperty("reason").GetString());
    }
}
