using System.Net.Sockets;
using AdminServer.Engine.Config;
using AdminServer.Engine.Timers;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

/// <summary>Application-level keepalive driven by each of the three timer structures.</summary>
public class IdleTimeoutTests
{
    private static Task<TestEngine> Start(TimerKind kind) =>
        TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, true, EventModel.Reactor), configure: o =>
        {
            o.IdleTimeoutSeconds = 1;
            o.Timer = kind;
        });

    [Theory]
    [InlineData(TimerKind.List)]
    [InlineData(TimerKind.Wheel)]
    [InlineData(TimerKind.Heap)]
    public async Task An_idle_connection_is_closed_after_the_timeout_and_an_active_one_is_not(TimerKind kind)
    {
        await using var server = await Start(kind);
        using var idle = await LoopbackClient.ConnectAsync(server.EchoPort);
        using var active = await LoopbackClient.ConnectAsync(server.EchoPort);
        string activeEndpoint = active.LocalEndPoint!.ToString()!;
        var opened = DateTime.UtcNow;

        // Keep one connection busy for well past the timeout, a byte every 50 ms: only a pause of
        // a whole second (the timeout) on this machine could make it look idle.
        var buf = new byte[1];
        while (DateTime.UtcNow - opened < TimeSpan.FromSeconds(2.4))
        {
            await active.SendAsync(new byte[] { 42 }, SocketFlags.None);
            Assert.Equal(1, await active.ReceiveAsync(buf, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(5)));
            await Task.Delay(50);
        }

        // By now (≥ 2.4 s) the silent one must have been closed: the client sees EOF.
        Assert.Equal(0, await idle.ReceiveAsync(buf, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(5)));
        var closed = Assert.Single(server.Engine.RecentlyClosed);
        Assert.Equal("idle timeout", closed.Reason);
        Assert.True(closed.ClosedAt - closed.OpenedAt >= TimeSpan.FromSeconds(1), "closed before the timeout: a timer fired early");
        Assert.DoesNotContain(server.Engine.RecentlyClosed, c => c.Remote == activeEndpoint);
        Assert.Equal(1, server.Engine.GetState().Connections);
    }

    [Fact]
    public async Task Switching_the_timer_kind_with_live_connections_keeps_every_timer()
    {
        await using var server = await Start(TimerKind.Heap);
        var clients = new List<Socket>();
        for (int i = 0; i < 40; i++) clients.Add(await LoopbackClient.ConnectAsync(server.EchoPort));
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 40, "40 connections");
        Assert.Equal(40, (await server.Engine.GetTimersAsync()).Count);

        foreach (var kind in new[] { TimerKind.List, TimerKind.Wheel, TimerKind.Heap, TimerKind.Wheel })
        {
            var before = await server.Engine.GetTimersAsync(0);
            var result = await server.Engine.ChangeTimerAsync(kind);
            var after = await server.Engine.GetTimersAsync(0);
            Assert.Equal(kind, after.Kind);
            Assert.Equal(40, result.Moved);
            Assert.Equal(40, after.Count);
            Assert.Equal(kind, server.Engine.GetState().Timer);
        }

        // None was lost: every connection still times out, through the last structure.
        await TestEngine.WaitUntil(() => server.Engine.RecentlyClosed.Count == 40, "all 40 idle timeouts", 10_000);
        Assert.All(server.Engine.RecentlyClosed, c => Assert.Equal("idle timeout", c.Reason));
        Assert.All(server.Engine.RecentlyClosed, c => Assert.True(c.ClosedAt - c.OpenedAt >= TimeSpan.FromSeconds(1), $"open for {(c.ClosedAt - c.OpenedAt).TotalMilliseconds} ms"));
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task The_snapshot_shows_one_pending_timer_per_connection_and_is_bounded()
    {
        await using var server = await Start(TimerKind.Wheel);
        var clients = new List<Socket>();
        for (int i = 0; i < 10; i++) clients.Add(await LoopbackClient.ConnectAsync(server.EchoPort));
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 10, "10 connections");
        var shape = await server.Engine.GetTimersAsync(4);
        Assert.Equal(10, shape.Count);
        Assert.True(shape.Entries.Length <= 4);
        Assert.NotNull(shape.NextDueInMs);
        Assert.True(shape.NextDueInMs <= 1000);
        foreach (var c in clients) c.Dispose();
    }
}
