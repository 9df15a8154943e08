using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Api;

/// <summary>Listeners at runtime against the real process, with connections open: disable, enable, drain (HAProxy's disable/enable frontend).</summary>
public class ListenerApiTests
{
    private static readonly byte[] Payload = Encoding.ASCII.GetBytes("hello listener\n");

    private static async Task<JsonElement> ListenerAsync(ServerProcess server, string name) =>
        (await server.GetJsonAsync("/api/listeners")).EnumerateArray().Single(l => l.GetProperty("name").GetString() == name);

    private static async Task<JsonElement> ActAsync(ServerProcess server, string name, string action)
    {
        using var response = await server.Api.PostAsync($"/api/listeners/{name}/{action}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Disable_refuses_new_connections_at_once_while_open_ones_go_on_and_enable_resumes()
    {
        await using var server = await ServerProcess.StartAsync();
        using var open = await EchoClient.ConnectAsync(server.EchoPort);
        Assert.Equal(Payload, await open.RoundTripAsync(Payload, TimeSpan.FromSeconds(5)));
        var before = await ListenerAsync(server, "echo");
        Assert.Equal("enabled", before.GetProperty("state").GetString());
        Assert.Equal(1, before.GetProperty("openConnections").GetInt32());
        Assert.True(before.GetProperty("openBytesIn").GetInt64() >= Payload.Length);

        Assert.Equal("disabled", (await ActAsync(server, "echo", "disable")).GetProperty("state").GetString());
        // The open connection goes on.
        Assert.Equal(Payload, await open.RoundTripAsync(Payload, TimeSpan.FromSeconds(5)));
        // A new one is accepted and closed at once: refused, not left in the backlog.
        using (var refused = await EchoClient.ConnectAsync(server.EchoPort))
            Assert.True(await refused.SeesEofAsync(TimeSpan.FromSeconds(3)), "a new connection to a disabled listener was not closed");
        var disabled = await Poll.UntilAsync(() => ListenerAsync(server, "echo"), l => l.GetProperty("refusedConnections").GetInt64() >= 1);
        Assert.True(disabled.GetProperty("refusedConnections").GetInt64() >= 1);
        Assert.Equal(1, disabled.GetProperty("openConnections").GetInt32());

        Assert.Equal("enabled", (await ActAsync(server, "echo", "enable")).GetProperty("state").GetString());
        using var fresh = await EchoClient.ConnectAsync(server.EchoPort);
        Assert.Equal(Payload, await fresh.RoundTripAsync(Payload, TimeSpan.FromSeconds(5)));
        Assert.Equal(Payload, await open.RoundTripAsync(Payload, TimeSpan.FromSeconds(5)));

        var events = (await server.GetJsonAsync("/api/events")).EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains(events, a => a!.StartsWith("disable listener echo", StringComparison.Ordinal));
        Assert.Contains(events, a => a!.StartsWith("enable listener echo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Drain_closes_open_connections_as_they_go_quiet_and_leaves_the_listener_disabled()
    {
        await using var server = await ServerProcess.StartAsync();
        using var a = await EchoClient.ConnectAsync(server.EchoPort);
        using var b = await EchoClient.ConnectAsync(server.EchoPort);
        await a.RoundTripAsync(Payload, TimeSpan.FromSeconds(5));
        await b.RoundTripAsync(Payload, TimeSpan.FromSeconds(5));

        Assert.Equal("draining", (await ActAsync(server, "echo", "drain")).GetProperty("state").GetString());
        using (var refused = await EchoClient.ConnectAsync(server.EchoPort))
            Assert.True(await refused.SeesEofAsync(TimeSpan.FromSeconds(3)), "a draining listener accepted a new connection");
        // Quiet connections are closed by the server.
        Assert.True(await a.SeesEofAsync(TimeSpan.FromSeconds(5)), "a quiet connection was not closed by the drain");
        Assert.True(await b.SeesEofAsync(TimeSpan.FromSeconds(5)), "a quiet connection was not closed by the drain");
        var drained = await Poll.UntilAsync(() => ListenerAsync(server, "echo"), l => l.GetProperty("state").GetString() == "disabled");
        Assert.Equal("disabled", drained.GetProperty("state").GetString());
        Assert.Equal(0, drained.GetProperty("openConnections").GetInt32());
        // The other listener was never touched.
        Assert.Equal("enabled", (await ListenerAsync(server, "discard")).GetProperty("state").GetString());
        Assert.Equal("enabled", (await ActAsync(server, "echo", "enable")).GetProperty("state").GetString());
        using var fresh = await EchoClient.ConnectAsync(server.EchoPort);
        Assert.Equal(Payload, await fresh.RoundTripAsync(Payload, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Unknown_listeners_and_actions_are_refused_and_the_routes_need_the_password()
    {
        await using var server = await ServerProcess.StartAsync();
        using var unknown = await server.Api.PostAsync("/api/listeners/nope/disable", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Api.PostAsync("/api/listeners/echo/explode", null)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await server.Api.GetAsync("/api/listeners/echo/disable")).StatusCode);
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/listeners")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/listeners/echo/disable", null)).StatusCode);
        Assert.Equal("enabled", (await ListenerAsync(server, "echo")).GetProperty("state").GetString());
    }
}
