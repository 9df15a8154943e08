using System.Net.Sockets;
using AdminServer.Engine.Config;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

public class PeerResetTests
{
    [Theory]
    [InlineData(EventModel.Reactor)]
    [InlineData(EventModel.Proactor)]
    public async Task A_peer_that_resets_during_a_large_write_closes_only_that_connection(EventModel model)
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, true, model));
        using var bystander = await LoopbackClient.ConnectAsync(server.EchoPort);

        var rude = await LoopbackClient.ConnectAsync(server.EchoPort);
        string rudeEndpoint = rude.LocalEndPoint!.ToString()!;
        // Never read: the echo backs up until the server must wait for EPOLLOUT with bytes queued.
        var chunk = LoopbackClient.RandomBytes(256 * 1024, 7);
        for (int i = 0; i < 16; i++)
        {
            var send = rude.SendAsync(chunk, SocketFlags.None);
            if (await Task.WhenAny(send, Task.Delay(500)) != send) break; // both directions are full
        }
        rude.LingerState = new LingerOption(true, 0); // close() now sends RST
        rude.Close();

        await TestEngine.WaitUntil(() => server.Engine.RecentlyClosed.Any(c => c.Remote == rudeEndpoint), "the reset connection to close");
        var reason = server.Engine.RecentlyClosed.Single(c => c.Remote == rudeEndpoint).Reason;
        Assert.Contains(reason, new[] { "ECONNRESET", "EPIPE" });

        var payload = LoopbackClient.RandomBytes(100_000, 8);
        Assert.Equal(payload, await LoopbackClient.EchoAsync(bystander, payload, 8));
        Assert.Equal(1, server.Engine.GetState().Connections);
    }
}
