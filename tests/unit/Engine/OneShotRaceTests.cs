using System.Net.Sockets;
using AdminServer.Engine.Config;
using AdminServer.Engine.Services;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

/// <summary>
/// The book's EPOLLONESHOT race, made deterministic: a thread is held inside the service while the
/// peer sends more. Level-triggered and without ONESHOT, the next waiter is told about the same fd and
/// collides with the holder (counted, and the holder runs again so nothing is lost); with ONESHOT the
/// fd stays silent until the holder re-arms it.
/// </summary>
public class OneShotRaceTests
{
    [Theory]
    [InlineData(ConcurrencyKind.LeaderFollower, false)]
    [InlineData(ConcurrencyKind.LeaderFollower, true)]
    [InlineData(ConcurrencyKind.HalfSyncHalfAsync, false)]
    [InlineData(ConcurrencyKind.HalfSyncHalfAsync, true)]
    public async Task A_second_thread_is_handed_a_held_fd_only_without_ONESHOT(ConcurrencyKind pattern, bool oneShot)
    {
        var gate = new GateService($"gate-{pattern}-{oneShot}");
        ServiceCatalog.Register(gate);
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.LT, oneShot, EventModel.Reactor), concurrency: pattern,
            configure: o => o.Listeners.Add(new ListenerOptions { Name = "gate", Service = gate.Name, Address = "127.0.0.1", Port = 0 }));
        int port = server.Engine.Listeners.Single(l => l.Name == "gate").Port;
        using var s = await LoopbackClient.ConnectAsync(port);

        await s.SendAsync("first"u8.ToArray(), SocketFlags.None);
        Assert.True(gate.WaitEntered(TimeSpan.FromSeconds(10)), "the service was never called");
        await s.SendAsync("second"u8.ToArray(), SocketFlags.None); // readable again while a thread holds the connection

        if (oneShot)
        {
            await Task.Delay(300); // nothing may happen: the fd is disarmed until the holder re-arms it
            Assert.Equal(0, server.Engine.GetState().Counters.Collisions);
        }
        else
        {
            await TestEngine.WaitUntil(() => server.Engine.GetState().Counters.Collisions > 0, "a collision on the held fd");
        }
        gate.Open();

        var echoed = new byte[11];
        int got = 0;
        while (got < echoed.Length)
        {
            int n = await s.ReceiveAsync(echoed.AsMemory(got), SocketFlags.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(n > 0, "EOF before the whole echo");
            got += n;
        }
        Assert.Equal("firstsecond"u8.ToArray(), echoed); // the collision lost nothing: the holder ran again
        if (oneShot) Assert.Equal(0, server.Engine.GetState().Counters.Collisions);
    }
}
