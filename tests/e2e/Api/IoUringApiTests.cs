using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Api;

/// <summary>The IoUring event model over the API: switched at runtime on the real server, and refused with the reason where io_uring is unavailable.</summary>
public class IoUringApiTests
{
    private static async Task EchoOnceAsync(int port, int size)
    {
        using var c = new TcpClient(AddressFamily.InterNetwork);
        await c.ConnectAsync(IPAddress.Loopback, port);
        var payload = new byte[size];
        new Random(size).NextBytes(payload);
        await c.GetStream().WriteAsync(payload);
        var back = new byte[size];
        await c.GetStream().ReadExactlyAsync(back).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(payload, back);
    }

    [Fact]
    public async Task Patch_switches_to_io_uring_and_back_and_the_counters_show_the_ring()
    {
        await using var server = await ServerProcess.StartAsync();
        var state = await server.GetJsonAsync("/api/engine");
        Assert.True(state.GetProperty("ioUring").GetProperty("available").GetBoolean());

        var r = await server.Api.PatchAsync("/api/engine", new StringContent("""{"eventModel": "IoUring"}""", Encoding.UTF8, "application/json"));
        r.EnsureSuccessStatusCode();
        Assert.Equal("IoUring", (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetProperty("eventModel").GetString());
        await EchoOnceAsync(server.EchoPort, 200_000);
        var counters = (await server.GetJsonAsync("/api/engine")).GetProperty("counters");
        Assert.True(counters.GetProperty("uringSubmits").GetInt64() > 0);
        Assert.True(counters.GetProperty("uringCompletions").GetInt64() > 0);
        Assert.True(counters.GetProperty("uringEnters").GetInt64() > 0);

        // Leader/follower does not fit io_uring: refused with the reason, nothing changes.
        var lf = await server.Api.PatchAsync("/api/engine", new StringContent("""{"concurrency": "LeaderFollower"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, lf.StatusCode);
        Assert.Contains("io_uring", (await lf.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        (await server.Api.PatchAsync("/api/engine", new StringContent("""{"eventModel": "Reactor"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await EchoOnceAsync(server.EchoPort, 10_000);
    }

    [Fact]
    public async Task Where_io_uring_is_unavailable_the_model_is_reported_so_and_refused_and_the_rest_works()
    {
        await using var server = await ServerProcess.StartAsync(environment: new Dictionary<string, string> { ["ADMINSERVER_DISABLE_IO_URING"] = "1" });
        var state = await server.GetJsonAsync("/api/engine");
        var status = state.GetProperty("ioUring");
        Assert.False(status.GetProperty("available").GetBoolean());
        Assert.Contains("ADMINSERVER_DISABLE_IO_URING", status.GetProperty("reason").GetString());

        var r = await server.Api.PatchAsync("/api/engine", new StringContent("""{"eventModel": "IoUring"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        Assert.Contains("unavailable", (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal("Reactor", (await server.GetJsonAsync("/api/engine")).GetProperty("eventModel").GetString());

        (await server.Api.PatchAsync("/api/engine", new StringContent("""{"concurrency": "HalfSyncHalfAsync", "eventModel": "Proactor"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await EchoOnceAsync(server.EchoPort, 50_000);
    }
}
