using System.Net.Sockets;
using AdminServer.Engine;
using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

/// <summary>epoll, poll and select behind one interface: echo under each, switches while streaming, their limits.</summary>
public class PollerTests
{
    private static readonly ConnectionMode Lt = new(TriggerMode.LT, false, EventModel.Reactor);

    public static TheoryData<PollerKind, ConcurrencyKind, bool, EventModel> LevelTriggeredBackends()
    {
        var data = new TheoryData<PollerKind, ConcurrencyKind, bool, EventModel>();
        foreach (var poller in new[] { PollerKind.Poll, PollerKind.Select })
            foreach (var pattern in new[] { ConcurrencyKind.LoopPerCore, ConcurrencyKind.HalfSyncHalfAsync })
                foreach (var oneShot in new[] { true, false })
                    foreach (var model in new[] { EventModel.Reactor, EventModel.Proactor })
                        if (pattern == ConcurrencyKind.HalfSyncHalfAsync || model == EventModel.Reactor) data.Add(poller, pattern, oneShot, model);
        return data;
    }

    [Theory]
    [MemberData(nameof(LevelTriggeredBackends))]
    public async Task Echo_is_byte_exact_under_poll_and_select(PollerKind poller, ConcurrencyKind pattern, bool oneShot, EventModel model)
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.LT, oneShot, model), concurrency: pattern,
            configure: o => o.Poller = poller);
        Assert.Equal(poller.ToString(), server.Engine.GetState().Poller);
        var tasks = Enumerable.Range(0, 12).Select(async i =>
        {
            var payload = LoopbackClient.RandomBytes(200 * 1024 + i * 977, seed: i);
            using var s = await LoopbackClient.ConnectAsync(server.EchoPort);
            var echoed = await LoopbackClient.EchoAsync(s, payload, seed: i);
            Assert.True(payload.AsSpan().SequenceEqual(echoed), $"connection {i} differs");
        });
        await Task.WhenAll(tasks);
        if (oneShot) Assert.Equal(0, server.Engine.GetState().Counters.Collisions);
    }

    [Fact]
    public async Task ET_is_refused_under_poll_and_select_and_LT_in_the_same_request_is_accepted()
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, false, EventModel.Reactor), concurrency: ConcurrencyKind.LoopPerCore);
        var ex = await Assert.ThrowsAsync<ModeConflictException>(() => server.Engine.ChangeModeAsync(new ModeChange(Poller: PollerKind.Poll)));
        Assert.Contains("level-triggered", ex.Message);
        Assert.Equal("Epoll", server.Engine.GetState().Poller);

        var ok = await server.Engine.ChangeModeAsync(new ModeChange(Trigger: TriggerMode.LT, Poller: PollerKind.Select));
        Assert.Equal(PollerKind.Select, ok.Poller);
        Assert.Equal(TriggerMode.LT, ok.Mode.Trigger);
        // Back to epoll and ET in one request: the poller first, then the trigger.
        var back = await server.Engine.ChangeModeAsync(new ModeChange(Trigger: TriggerMode.ET, Poller: PollerKind.Epoll));
        Assert.Equal(PollerKind.Epoll, back.Poller);
        Assert.Equal(TriggerMode.ET, back.Mode.Trigger);

        var lf = await Assert.ThrowsAsync<ModeConflictException>(() =>
            server.Engine.ChangeModeAsync(new ModeChange(Trigger: TriggerMode.LT, Poller: PollerKind.Poll, Concurrency: ConcurrencyKind.LeaderFollower)));
        Assert.Contains("Epoll", lf.Message);
    }

    [Fact]
    public async Task Random_backend_switches_while_streaming_keep_every_byte_in_order()
    {
        await using var server = await TestEngine.StartAsync(Lt, concurrency: ConcurrencyKind.LoopPerCore);
        var rng = new Random(11);
        int switches = await SwitchingStreams.RunAsync(server.EchoPort, connections: 16, bytes: 512 * 1024, seed: 900, everyNthChunk: 5, async () =>
        {
            var poller = (PollerKind)rng.Next(3);
            var pattern = rng.Next(2) == 0 ? ConcurrencyKind.LoopPerCore : ConcurrencyKind.HalfSyncHalfAsync;
            var result = await server.Engine.ChangeModeAsync(new ModeChange(Poller: poller, Concurrency: pattern, OneShot: rng.Next(2) == 0));
            Assert.Equal(poller, result.Poller);
        });
        Assert.True(switches >= 20, $"only {switches} switches");
    }

    [Fact]
    public async Task Select_is_refused_while_an_fd_at_or_past_FD_SETSIZE_is_open_and_refuses_such_connections_while_it_runs()
    {
        await using var server = await TestEngine.StartAsync(Lt, concurrency: ConcurrencyKind.LoopPerCore);
        var clients = new List<Socket>();
        try
        {
            // Client and server share this process's fd table: 600 connections take the server's fds past 1023.
            for (int i = 0; i < 600; i++) clients.Add(await LoopbackClient.ConnectAsync(server.DiscardPort));
            await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 600, "600 connections");
            var ex = await Assert.ThrowsAsync<ModeConflictException>(() => server.Engine.ChangeModeAsync(new ModeChange(Poller: PollerKind.Select)));
            Assert.Matches(@"^\d+ open fds are 1024 or above", ex.Message);
            Assert.Equal("Epoll", server.Engine.GetState().Poller);
            foreach (var c in clients) c.Dispose();
            clients.Clear();
            await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 0, "the connections to close");

            var result = await server.Engine.ChangeModeAsync(new ModeChange(Poller: PollerKind.Select));
            Assert.Equal(PollerKind.Select, result.Poller);
            // Now every connection whose fd select could not hold is closed at once, and counted.
            for (int i = 0; i < 600; i++) clients.Add(await LoopbackClient.ConnectAsync(server.DiscardPort));
            await TestEngine.WaitUntil(() => server.Engine.GetState() is var st && st.Connections + st.Counters.RefusedFdSetSize == 600,
                "every connection served or refused");
            var state = server.Engine.GetState();
            Assert.True(state.Counters.RefusedFdSetSize > 0, "no connection was refused past FD_SETSIZE");
            var rows = await server.Engine.GetConnectionsAsync();
            Assert.Equal(state.Connections, rows.Count);
            // The refused peers see the connection closed; the others are served.
            await TestEngine.WaitUntil(() => clients.Count(c => c.Poll(0, SelectMode.SelectRead) && c.Available == 0) == state.Counters.RefusedFdSetSize,
                "every refused peer to see EOF");
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    [Fact]
    public async Task Fds_scanned_per_wait_grow_with_idle_connections_under_poll_but_not_under_epoll()
    {
        await using var server = await TestEngine.StartAsync(Lt, concurrency: ConcurrencyKind.LoopPerCore, loops: 1);
        var idle = new List<Socket>();
        for (int i = 0; i < 200; i++) idle.Add(await LoopbackClient.ConnectAsync(server.DiscardPort));
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 200, "200 idle connections");
        using var active = await LoopbackClient.ConnectAsync(server.EchoPort);

        async Task<double> ScannedPerWait()
        {
            var before = server.Engine.GetState().Counters;
            var payload = new byte[64];
            var buf = new byte[64];
            for (int i = 0; i < 200; i++)
            {
                await active.SendAsync(payload, SocketFlags.None);
                int got = 0;
                while (got < 64) got += await active.ReceiveAsync(buf.AsMemory(got), SocketFlags.None);
            }
            var after = server.Engine.GetState().Counters;
            return (double)(after.FdsScanned - before.FdsScanned) / (after.Waits - before.Waits);
        }

        double epoll = await ScannedPerWait();
        await server.Engine.ChangeModeAsync(new ModeChange(Poller: PollerKind.Poll));
        double poll = await ScannedPerWait();
        await server.Engine.ChangeModeAsync(new ModeChange(Poller: PollerKind.Epoll));

        Assert.True(epoll < 3, $"epoll examined {epoll:F1} fds per wait: it should see only the ready ones");
        Assert.True(poll > 200, $"poll examined {poll:F1} fds per wait: it should scan every registered one (200 idle + the rest)");
        foreach (var s in idle) s.Dispose();
    }
}
