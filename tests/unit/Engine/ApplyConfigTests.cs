using System.Net;
using System.Net.Sockets;
using AdminServer.Engine.Config;
using AdminServer.Engine.Native;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

public class ApplyConfigTests
{
    private static EngineOptions Copy(EngineOptions o, Action<EngineOptions> change)
    {
        var c = new EngineOptions
        {
            Trigger = o.Trigger, OneShot = o.OneShot, EventModel = o.EventModel, Workers = o.Workers,
            ReadBudgetBytes = o.ReadBudgetBytes, MaxPendingBytes = o.MaxPendingBytes, Backlog = o.Backlog,
            Listeners = o.Listeners.Select(l => new ListenerOptions { Name = l.Name, Service = l.Service, Address = l.Address, Port = l.Port }).ToList(),
        };
        change(c);
        return c;
    }

    [Fact]
    public async Task Listeners_and_mode_change_at_runtime_and_open_connections_survive()
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, true, EventModel.Reactor));
        using var open = await LoopbackClient.ConnectAsync(server.DiscardPort);
        int oldDiscard = server.DiscardPort;
        var next = Copy(server.Engine.CurrentOptions, o =>
        {
            o.Trigger = TriggerMode.LT;
            o.Listeners.RemoveAll(l => l.Name == "discard");
            o.Listeners.Add(new ListenerOptions { Name = "echo2", Service = "echo", Address = "127.0.0.1", Port = 0 });
        });

        var changes = await server.Engine.ApplyAsync(next);

        Assert.Contains(changes, c => c.Contains("listener discard") && c.Contains("removed"));
        Assert.Contains(changes, c => c.Contains("listener echo2") && c.Contains("added"));
        Assert.Contains(changes, c => c.Contains("mode"));
        Assert.Equal(TriggerMode.LT, server.Engine.GetState().Trigger);
        await Assert.ThrowsAnyAsync<SocketException>(() => LoopbackClient.ConnectAsync(oldDiscard));
        int echo2 = server.Engine.Listeners.Single(l => l.Name == "echo2").Port;
        using var s = await LoopbackClient.ConnectAsync(echo2);
        var payload = LoopbackClient.RandomBytes(10_000, 1);
        Assert.Equal(payload, await LoopbackClient.EchoAsync(s, payload, 1));
        await open.SendAsync(new byte[10], SocketFlags.None); // the discard connection opened before is still served
        await TestEngine.WaitUntil(() => server.Engine.GetState().Counters.BytesIn >= 10_010, "the old connection's bytes");
    }

    [Fact]
    public async Task A_listener_that_cannot_bind_rejects_the_whole_change()
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, true, EventModel.Reactor));
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        squatter.Listen();
        int taken = ((IPEndPoint)squatter.LocalEndPoint!).Port;
        var before = server.Engine.Listeners;
        var next = Copy(server.Engine.CurrentOptions, o =>
        {
            o.Trigger = TriggerMode.LT;
            o.Listeners.Add(new ListenerOptions { Name = "clash", Service = "echo", Address = "127.0.0.1", Port = taken });
        });

        var ex = await Assert.ThrowsAsync<ErrnoException>(() => server.Engine.ApplyAsync(next));
        Assert.Equal(Errno.EADDRINUSE, ex.Errno);
        Assert.Equal(before, server.Engine.Listeners);
        Assert.Equal(TriggerMode.ET, server.Engine.GetState().Trigger);
    }
}
