using System.Net.Sockets;
using AdminServer.Engine;
using AdminServer.Engine.Config;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

/// <summary>The concurrency patterns: placement, runtime switches, refusals.</summary>
public class PatternTests
{
    private static readonly ConnectionMode EtReactor = new(TriggerMode.ET, false, EventModel.Reactor);

    [Fact]
    public async Task LoopPerCore_spreads_connections_over_every_loop()
    {
        await using var server = await TestEngine.StartAsync(EtReactor, concurrency: ConcurrencyKind.LoopPerCore, loops: 4);
        var clients = new List<Socket>();
        for (int i = 0; i < 64; i++) clients.Add(await LoopbackClient.ConnectAsync(server.EchoPort));
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 64, "64 connections");

        var loops = server.Engine.GetState().Loops;
        Assert.Equal(4, loops.Count);
        Assert.All(loops, l => Assert.Equal(16, l.Connections));
        var rows = await server.Engine.GetConnectionsAsync();
        Assert.Equal(4, rows.Select(r => r.Loop).Distinct().Count());
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task Switching_patterns_moves_connections_between_loops_and_reports_it()
    {
        await using var server = await TestEngine.StartAsync(EtReactor, concurrency: ConcurrencyKind.LoopPerCore, loops: 2);
        var clients = new List<Socket>();
        for (int i = 0; i < 10; i++) clients.Add(await LoopbackClient.ConnectAsync(server.EchoPort));
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 10, "10 connections");

        var toOne = await server.Engine.ChangeModeAsync(new ModeChange(Concurrency: ConcurrencyKind.HalfSyncHalfAsync));
        Assert.Equal(ConcurrencyKind.HalfSyncHalfAsync, toOne.Concurrency);
        Assert.Equal(5, toOne.MovedConnections); // loop 1's half moved to loop 0
        Assert.Equal(10, server.Engine.GetState().Loops[0].Connections);

        var lf = await server.Engine.ChangeModeAsync(new ModeChange(Concurrency: ConcurrencyKind.LeaderFollower));
        Assert.Equal(0, lf.MovedConnections); // same loop, other threads
        Assert.Equal(["adminserver-lf-0", "adminserver-lf-1"], server.Engine.GetState().Loops[0].Threads);

        var back = await server.Engine.ChangeModeAsync(new ModeChange(Concurrency: ConcurrencyKind.LoopPerCore));
        Assert.Equal(5, back.MovedConnections);
        Assert.All(server.Engine.GetState().Loops, l => Assert.Equal(5, l.Connections));

        // Every connection still echoes.
        for (int i = 0; i < clients.Count; i++)
        {
            var payload = LoopbackClient.RandomBytes(1000, i);
            Assert.Equal(payload, await LoopbackClient.EchoAsync(clients[i], payload, i));
        }
        foreach (var c in clients) c.Dispose();
    }

    [Theory]
    [InlineData(ConcurrencyKind.LoopPerCore)]
    [InlineData(ConcurrencyKind.LeaderFollower)]
    public async Task Proactor_outside_HalfSyncHalfAsync_is_refused_and_nothing_changes(ConcurrencyKind pattern)
    {
        await using var server = await TestEngine.StartAsync(EtReactor, concurrency: pattern);
        var ex = await Assert.ThrowsAsync<ModeConflictException>(() => server.Engine.ChangeModeAsync(new ModeChange(EventModel: EventModel.Proactor)));
        Assert.Contains("HalfSyncHalfAsync", ex.Message);
        var state = server.Engine.GetState();
        Assert.Equal(pattern, state.Concurrency);
        Assert.Equal(EventModel.Reactor, state.EventModel);

        // The same request with the pattern that fits is applied: pattern first, then the model.
        var ok = await server.Engine.ChangeModeAsync(new ModeChange(EventModel: EventModel.Proactor, Concurrency: ConcurrencyKind.HalfSyncHalfAsync));
        Assert.Equal(EventModel.Proactor, ok.Mode.Model);
        Assert.Equal(ConcurrencyKind.HalfSyncHalfAsync, ok.Concurrency);
        // And back in one request: the model first, then the pattern.
        var back = await server.Engine.ChangeModeAsync(new ModeChange(EventModel: EventModel.Reactor, Concurrency: pattern));
        Assert.Equal(pattern, back.Concurrency);
    }

    [Fact]
    public async Task Random_switches_of_pattern_and_mode_while_streaming_keep_every_byte_in_order()
    {
        await using var server = await TestEngine.StartAsync(EtReactor, concurrency: ConcurrencyKind.LoopPerCore, loops: 2);
        var rng = new Random(7);
        int patternSwitches = 0;
        int switches = await SwitchingStreams.RunAsync(server.EchoPort, connections: 16, bytes: 1024 * 1024, seed: 500, everyNthChunk: 6, async () =>
        {
            var pattern = (ConcurrencyKind)rng.Next(3);
            var change = new ModeChange(
                rng.Next(2) == 0 ? TriggerMode.ET : TriggerMode.LT,
                rng.Next(2) == 0,
                pattern == ConcurrencyKind.HalfSyncHalfAsync && rng.Next(2) == 0 ? EventModel.Proactor : EventModel.Reactor,
                pattern);
            var before = server.Engine.GetState().Concurrency;
            var result = await server.Engine.ChangeModeAsync(change);
            Assert.Equal(pattern, result.Concurrency);
            if (before != pattern) patternSwitches++;
        });

        Assert.True(patternSwitches >= 30, $"only {patternSwitches} pattern switches ({switches} in all) happened during the stream");
        var state = server.Engine.GetState();
        Assert.Equal(state.Counters.BytesIn, state.Counters.BytesOut);
    }
}
