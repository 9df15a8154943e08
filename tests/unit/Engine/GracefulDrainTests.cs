using System.Net.Sockets;
using AdminServer.Engine.Config;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

public class GracefulDrainTests
{
    [Fact]
    public async Task Draining_stops_accepting_lets_in_flight_echo_finish_then_closes()
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, true, EventModel.Reactor));
        using var s = await LoopbackClient.ConnectAsync(server.EchoPort);
        var payload = LoopbackClient.RandomBytes(4 * 1024 * 1024, 5);
        var echo = LoopbackClient.EchoAsync(s, payload, 5);
        await TestEngine.WaitUntil(() => server.Engine.GetState().Counters.BytesIn > 0, "traffic to start");

        var drained = server.Engine.DrainAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(payload, await echo);                        // nothing in flight is lost
        Assert.Equal(0, await s.ReceiveAsync(new byte[1], SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10))); // then EOF
        await drained.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<SocketException>(() => LoopbackClient.ConnectAsync(server.EchoPort));
        Assert.Equal("server stopping", server.Engine.RecentlyClosed.Single().Reason);
    }

    [Fact]
    public async Task A_connection_still_busy_when_the_grace_period_ends_is_closed()
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, true, EventModel.Reactor));
        using var stuck = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await stuck.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, server.EchoPort));
        // Send a lot and never read: the echo waits in the server's outbox, so the connection is
        // never quiet, however slow this machine is; only the end of the grace period closes it.
        var chunk = LoopbackClient.RandomBytes(256 * 1024, 3);
        for (int i = 0; i < 64; i++)
        {
            var send = stuck.SendAsync(chunk, SocketFlags.None);
            if (await Task.WhenAny(send, Task.Delay(300)) != send) break;
        }
        await TestEngine.WaitUntil(async () => (await server.Engine.GetConnectionsAsync()).Single().State == "writing", "the server to hold unsent echo");
        await server.Engine.DrainAsync(TimeSpan.FromMilliseconds(600)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("server stopping (grace period over)", server.Engine.RecentlyClosed.Single().Reason);
    }
}
