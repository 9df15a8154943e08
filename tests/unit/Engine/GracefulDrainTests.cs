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
        using var chatty = await LoopbackClient.ConnectAsync(server.DiscardPort);
        using var stop = new CancellationTokenSource();
        var sender = Task.Run(async () =>
        {
            try { while (!stop.IsCancellationRequested) { await chatty.SendAsync(new byte[1000], SocketFlags.None); await Task.Delay(20); } }
            catch (SocketException) { }
        });
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 1, "the connection");
        await server.Engine.DrainAsync(TimeSpan.FromMilliseconds(600)).WaitAsync(TimeSpan.FromSeconds(10));
        stop.Cancel();
        await sender;
        Assert.Equal("server stopping (grace period over)", server.Engine.RecentlyClosed.Single().Reason);
    }
}
