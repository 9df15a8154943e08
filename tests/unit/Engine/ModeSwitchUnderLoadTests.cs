using AdminServer.Engine;
using AdminServer.Engine.Config;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

/// <summary>Switching trigger mode, ONESHOT and event model while data streams loses and reorders nothing.</summary>
public class ModeSwitchUnderLoadTests
{
    [Fact]
    public async Task Toggling_every_setting_repeatedly_while_streaming_keeps_every_byte_in_order()
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, true, EventModel.Reactor));
        var rng = new Random(42);
        double slowestMs = 0;
        int switches = await SwitchingStreams.RunAsync(server.EchoPort, connections: 16, bytes: 2 * 1024 * 1024, seed: 1000, everyNthChunk: 8, async () =>
        {
            var change = new ModeChange(
                rng.Next(2) == 0 ? TriggerMode.ET : TriggerMode.LT,
                rng.Next(2) == 0,
                rng.Next(2) == 0 ? EventModel.Reactor : EventModel.Proactor);
            var result = await server.Engine.ChangeModeAsync(change);
            Assert.Equal(change.ApplyTo(result.Mode), result.Mode);
            slowestMs = Math.Max(slowestMs, result.ElapsedMs);
        });

        Assert.True(switches >= 50, $"only {switches} switches happened during the stream");
        var state = server.Engine.GetState();
        Assert.Equal(state.Counters.BytesIn, state.Counters.BytesOut);
        Assert.True(slowestMs < 5000, $"a switch took {slowestMs} ms");
    }

    [Fact]
    public async Task A_switch_reports_the_fds_it_rearmed()
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, true, EventModel.Reactor));
        var clients = new List<System.Net.Sockets.Socket>();
        for (int i = 0; i < 5; i++) clients.Add(await LoopbackClient.ConnectAsync(server.EchoPort));
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 5, "5 connections");

        var result = await server.Engine.ChangeModeAsync(new ModeChange(Trigger: TriggerMode.LT, OneShot: false));
        Assert.Equal(new ConnectionMode(TriggerMode.LT, false, EventModel.Reactor), result.Mode);
        Assert.Equal(5, result.RearmedFds);
        var rows = await server.Engine.GetConnectionsAsync();
        Assert.All(rows, r => Assert.Equal("LT/Reactor", r.Mode));

        var same = await server.Engine.ChangeModeAsync(new ModeChange(Trigger: TriggerMode.LT));
        Assert.Equal(0, same.RearmedFds); // nothing to change, nothing re-registered
        foreach (var c in clients) c.Dispose();
    }
}
