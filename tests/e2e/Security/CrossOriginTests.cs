using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Security;

/// <summary>
/// Item 2 over raw HTTP: a state change, a hub or a circuit connection that names a foreign Origin
/// is refused with 403 and does nothing; a foreign Host is refused with 400 (DNS rebinding); API
/// bodies must be JSON. Requests without Origin (scripts) are unaffected.
/// </summary>
public class CrossOriginTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerProcess Server => fixture.Server;

    private async Task<int> ReloadCount() =>
        (await Server.GetJsonAsync("/api/events?max=1000")).EnumerateArray().Count(e => e.GetProperty("category").GetString() == "reload");

    [Theory]
    [InlineData("POST", "/api/reload", "http://127.0.0.1:1", null)]
    [InlineData("POST", "/api/reload", "null", null)]
    [InlineData("POST", "/api/reload", "http://evil.example", null)]
    [InlineData("POST", "/api/reload", "https://127.0.0.1:{port}", null)] // other scheme, same host and port
    [InlineData("POST", "/api/reload", "http://localhost:{port}", null)] // other host name of the same server: another origin
    [InlineData("POST", "/api/signals", "http://127.0.0.1:1", """{"target":{"kind":"self"},"signal":"USR1"}""")]
    [InlineData("PATCH", "/api/engine", "http://127.0.0.1:1", """{"timer":"Wheel"}""")]
    [InlineData("DELETE", "/api/connections/1", "http://127.0.0.1:1", null)]
    [InlineData("POST", "/api/programs/demo/start", "http://127.0.0.1:1", null)]
    [InlineData("POST", "/account/logout", "http://127.0.0.1:1", null)]
    public async Task A_state_change_with_a_foreign_origin_is_refused_and_changes_nothing(string method, string path, string origin, string? json)
    {
        origin = origin.Replace("{port}", Server.AdminPort.ToString());
        int reloads = await ReloadCount();
        var response = await RawHttp.SendAsync(Server.AdminPort, $"""
            {method} {path} HTTP/1.1
            Host: 127.0.0.1:{Server.AdminPort}
            Authorization: {RawHttp.Basic}
            Origin: {origin}
            Content-Type: application/json
            Content-Length: {json?.Length ?? 0}
            """, json is null ? null : System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Equal(403, response.Status);
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.Contains("Cross-origin request refused", response.Body);
        Assert.Equal(reloads, await ReloadCount());
        Assert.Equal("Heap", (await Server.GetJsonAsync("/api/engine")).GetProperty("timer").GetString());
        Assert.DoesNotContain("SIGUSR1", Server.Output);
    }

    [Fact]
    public async Task Without_an_origin_or_from_the_own_origin_a_state_change_passes()
    {
        var scripted = await RawHttp.SendAsync(Server.AdminPort, $"""
            POST /api/reload HTTP/1.1
            Host: 127.0.0.1:{Server.AdminPort}
            Authorization: {RawHttp.Basic}
            Content-Length: 0
            """);
        Assert.Equal(200, scripted.Status);
        var own = await RawHttp.SendAsync(Server.AdminPort, $"""
            POST /api/reload HTTP/1.1
            Host: 127.0.0.1:{Server.AdminPort}
            Authorization: {RawHttp.Basic}
            Origin: http://127.0.0.1:{Server.AdminPort}
            Content-Length: 0
            """);
        Assert.Equal(200, own.Status);
    }

    [Theory]
    [InlineData("/hubs/engine", "http://evil.example")]
    [InlineData("/hubs/engine", "null")]
    [InlineData("/hubs/engine", "http://127.0.0.1:1")]
    [InlineData("/_blazor", "http://evil.example")]
    [InlineData("/_blazor", "null")]
    public async Task A_websocket_upgrade_with_a_foreign_origin_is_refused(string path, string origin)
    {
        var response = await RawHttp.SendAsync(Server.AdminPort, $"""
            GET {path} HTTP/1.1
            Host: 127.0.0.1:{Server.AdminPort}
            Authorization: {RawHttp.Basic}
            Origin: {origin}
            Upgrade: websocket
            Sec-WebSocket-Version: 13
            Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==
            """, connection: "Upgrade", timeoutSeconds: 10);
        Assert.Equal(403, response.Status);

        using var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Authorization", RawHttp.Basic);
        ws.Options.SetRequestHeader("Origin", origin);
        ws.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(new Uri($"ws://127.0.0.1:{Server.AdminPort}{path}"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, ws.HttpStatusCode);
    }

    [Fact]
    public async Task The_hub_accepts_its_own_origin_and_a_script_without_one()
    {
        foreach (var origin in new[] { $"http://127.0.0.1:{Server.AdminPort}", null })
        {
            using var ws = new ClientWebSocket();
            ws.Options.SetRequestHeader("Authorization", RawHttp.Basic);
            if (origin is not null) ws.Options.SetRequestHeader("Origin", origin);
            await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{Server.AdminPort}/hubs/engine"), CancellationToken.None);
            Assert.Equal(WebSocketState.Open, ws.State);
            await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
    }

    [Theory]
    [InlineData("/hubs/engine/negotiate?negotiateVersion=1")]
    [InlineData("/_blazor/negotiate?negotiateVersion=1")]
    public async Task Negotiating_a_hub_or_circuit_from_a_foreign_origin_is_refused(string path)
    {
        var response = await RawHttp.SendAsync(Server.AdminPort, $"""
            POST {path} HTTP/1.1
            Host: 127.0.0.1:{Server.AdminPort}
            Authorization: {RawHttp.Basic}
            Origin: http://127.0.0.1:1
            Content-Length: 0
            """);
        Assert.Equal(403, response.Status);
    }

    [Theory]
    [InlineData("evil.example:{port}")] // DNS rebinding: the attacker's name, resolved to 127.0.0.1
    [InlineData("127.0.0.1:1")] // a port the admin is not bound on
    [InlineData("127.0.0.1")] // port 80
    [InlineData("attacker.localhost.evil:{port}")]
    public async Task A_host_that_is_not_the_admin_is_refused_with_400(string host)
    {
        var response = await RawHttp.SendAsync(Server.AdminPort, $"""
            GET /api/engine HTTP/1.1
            Host: {host.Replace("{port}", Server.AdminPort.ToString())}
            Authorization: {RawHttp.Basic}
            """);
        Assert.Equal(400, response.Status);
        Assert.Contains("Unknown host", response.Body);
        Assert.DoesNotContain("trigger", response.Body);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("[::1]")]
    public async Task The_loopback_names_with_the_bound_port_are_accepted(string name)
    {
        var response = await RawHttp.SendAsync(Server.AdminPort, $"""
            GET /api/engine HTTP/1.1
            Host: {name}:{Server.AdminPort}
            Authorization: {RawHttp.Basic}
            """);
        Assert.Equal(200, response.Status);
        Assert.Equal("ET", JsonDocument.Parse(response.Body).RootElement.GetProperty("trigger").GetString());
    }

    [Theory]
    [InlineData("POST", "/api/signals", "text/plain")]
    [InlineData("POST", "/api/signals", "application/x-www-form-urlencoded")]
    [InlineData("POST", "/api/signals", "multipart/form-data; boundary=x")]
    [InlineData("PATCH", "/api/engine", "text/plain")]
    [InlineData("POST", "/api/reload", "text/plain")]
    public async Task Api_bodies_that_are_not_json_are_refused_with_415(string method, string path, string contentType)
    {
        const string json = """{"target":{"kind":"self"},"signal":"USR1"}""";
        var response = await RawHttp.SendAsync(Server.AdminPort, $"""
            {method} {path} HTTP/1.1
            Host: 127.0.0.1:{Server.AdminPort}
            Authorization: {RawHttp.Basic}
            Content-Type: {contentType}
            Content-Length: {json.Length}
            """, System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Equal(415, response.Status);
        Assert.DoesNotContain("SIGUSR1", Server.Output);
    }
}
