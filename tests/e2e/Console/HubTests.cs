using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using AdminServer.E2eTests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace AdminServer.E2eTests.Console;

/// <summary>The hub as a script sees it: Microsoft.AspNetCore.SignalR.Client with the admin password as Basic credentials.</summary>
[Collection(ConsoleCollection.Name)]
public class HubTests(ConsoleFixture fixture)
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task The_hub_refuses_an_unauthenticated_connection()
    {
        await using var anonymous = new HubConnectionBuilder().WithUrl($"{Server.BaseUrl}/hubs/engine").Build();
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync().WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);

        await using var wrong = Connect("not-the-password");
        ex = await Assert.ThrowsAsync<HttpRequestException>(() => wrong.StartAsync().WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task A_script_gets_bounded_snapshots_with_connection_changes()
    {
        var snapshots = Channel.CreateUnbounded<(DateTime At, JsonElement Body)>();
        await using var hub = Connect(ServerProcess.Password);
        hub.On<JsonElement>("snapshot", body => snapshots.Writer.TryWrite((DateTime.UtcNow, body)));
        await hub.StartAsync().WaitAsync(TimeSpan.FromSeconds(15));

        var table = await hub.InvokeAsync<JsonElement>("GetConnections");
        Assert.Equal(JsonValueKind.Array, table.ValueKind);

        using var client = await EchoClient.ConnectAsync(Server.EchoPort);
        var added = await NextAsync(snapshots, s => s.GetProperty("changes").GetProperty("added").EnumerateArray()
            .Any(c => c.GetProperty("remote").GetString() == client.LocalEndPoint));
        Assert.Equal("ET", added.Body.GetProperty("trigger").GetString());
        Assert.True(added.Body.GetProperty("counters").GetProperty("accepts").GetInt64() >= 1);
        Assert.True(added.Body.GetProperty("rates").TryGetProperty("waitsPerSec", out _));
        long id = added.Body.GetProperty("changes").GetProperty("added").EnumerateArray()
            .First(c => c.GetProperty("remote").GetString() == client.LocalEndPoint).GetProperty("id").GetInt64();

        client.Dispose();
        var removed = await NextAsync(snapshots, s => s.GetProperty("changes").GetProperty("removed").EnumerateArray().Any(r => r.GetInt64() == id));
        Assert.True(removed.Body.GetProperty("seq").GetInt64() > added.Body.GetProperty("seq").GetInt64());

        // Bounded rate: never more than 10 snapshots a second.
        var first = await NextAsync(snapshots, _ => true);
        var last = first;
        for (int i = 0; i < 4; i++) last = await NextAsync(snapshots, _ => true);
        Assert.True(last.At - first.At >= TimeSpan.FromMilliseconds(4 * 100 - 20), $"5 snapshots in {(last.At - first.At).TotalMilliseconds} ms");
    }

    private HubConnection Connect(string password) => new HubConnectionBuilder()
        .WithUrl($"{Server.BaseUrl}/hubs/engine", o => o.Headers["Authorization"] = ServerProcess.BasicAuth("admin", password).ToString())
        .Build();

    private static async Task<(DateTime At, JsonElement Body)> NextAsync(Channel<(DateTime At, JsonElement Body)> channel, Func<JsonElement, bool> match)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var item = await channel.Reader.ReadAsync(cts.Token);
            if (match(item.Body)) return item;
        }
    }
}
