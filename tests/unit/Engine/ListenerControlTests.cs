using System.Net.Sockets;
using AdminServer.Engine;
using AdminServer.Engine.Config;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

/// <summary>Listeners disabled, enabled and drained at runtime, and their service latency.</summary>
public class ListenerControlTests
{
    [Fact]
    public async Task Disable_refuses_new_connections_while_open_ones_go_on_and_enable_resumes()
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, false, EventModel.Reactor), concurrency: ConcurrencyKind.LoopPerCore);
        using var open = await LoopbackClient.ConnectAsync(server.EchoPort);
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 1, "the connection");

        Assert.Equal("disabled", server.Engine.ChangeListener("echo", ListenerAction.Disable)!.State);
        using var refused = await LoopbackClient.ConnectAsync(server.EchoPort); // the kernel completes the handshake…
        Assert.Equal(0, await refused.ReceiveAsync(new byte[1], SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(5))); // …the engine closes it at once
        var payload = LoopbackClient.RandomBytes(5000, 1);
        Assert.Equal(payload, await LoopbackClient.EchoAsync(open, payload, 1)); // the open one goes on
        Assert.Equal(1, server.Engine.GetState().Listeners.Single(l => l.Name == "echo").RefusedConnections);
        open.Dispose();
        await TestEngine.WaitUntil(() => server.Engine.GetState().Listeners.Single(l => l.Name == "echo").ClosedBytesIn == 5000, "the closed connection's bytes");
        Assert.Equal(5000, server.Engine.GetState().Listeners.Single(l => l.Name == "echo").ClosedBytesOut);

        Assert.Equal("enabled", server.Engine.ChangeListener("echo", ListenerAction.Enable)!.State);
        using var again = await LoopbackClient.ConnectAsync(server.EchoPort);
        Assert.Equal(payload, await LoopbackClient.EchoAsync(again, payload, 2));
        Assert.Null(server.Engine.ChangeListener("nope", ListenerAction.Disable));
    }

    [Fact]
    public async Task Drain_closes_the_listeners_connections_as_they_go_quiet_and_leaves_others_alone()
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, false, EventModel.Reactor), concurrency: ConcurrencyKind.LoopPerCore);
        using var echo = await LoopbackClient.ConnectAsync(server.EchoPort);
        using var discard = await LoopbackClient.ConnectAsync(server.DiscardPort);
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 2, "both connections");

        Assert.Equal("draining", server.Engine.ChangeListener("echo", ListenerAction.Drain)!.State);
        Assert.Equal(0, await echo.ReceiveAsync(new byte[1], SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(5)));
        await TestEngine.WaitUntil(() => server.Engine.GetState().Listeners.Single(l => l.Name == "echo").State == "disabled", "the drain to end");
        Assert.Equal("listener echo draining", server.Engine.RecentlyClosed.Single().Reason);
        Assert.Equal(1, server.Engine.GetState().Connections); // the discard connection is not this listener's
    }

    [Fact]
    public async Task Service_latency_is_measured_per_listener()
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, false, EventModel.Reactor), concurrency: ConcurrencyKind.LoopPerCore);
        using var s = await LoopbackClient.ConnectAsync(server.EchoPort);
        var buf = new byte[10];
        for (int i = 0; i < 50; i++)
        {
            await s.SendAsync(new byte[10], SocketFlags.None);
            int got = 0;
            while (got < 10) got += await s.ReceiveAsync(buf.AsMemory(got), SocketFlags.None);
        }
        // One observation per run that served data. An edge-triggered run reads on until EAGAIN, so when the client's next
        // message is already there it is served in the same run: at least one observation per two round trips.
        await TestEngine.WaitUntil(() => server.Engine.GetLatency()["echo"].Count >= 25, "25 observations");
        var latency = server.Engine.GetLatency()["echo"];
        Assert.True(latency.SumMicros > 0);
        var echo = server.Engine.GetState().Listeners.Single(l => l.Name == "echo");
        Assert.NotNull(echo.LatencyP50Micros);
        Assert.True(echo.LatencyP99Micros >= echo.LatencyP50Micros);
        Assert.Equal(0, server.Engine.GetLatency()["discard"].Count);
    }
}
