using System.Net.Sockets;
using AdminServer.AdminUi.Operations;
using AdminServer.Engine.Config;
using AdminServer.Engine.Services;
using AdminServer.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminServer.UnitTests.Operations;

/// <summary>/readyz's decision on a real engine: ready; not ready while a loop is held inside a service; ready again once it lets go.</summary>
public class ReadinessTests
{
    [Fact]
    public async Task A_loop_stuck_in_a_handler_makes_the_server_not_ready_until_it_turns_again()
    {
        // One loop per core runs the service on the loop thread itself: a service that blocks holds that loop.
        var gate = new GateService("gate-readiness");
        ServiceCatalog.Register(gate);
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.LT, true, EventModel.Reactor),
            concurrency: ConcurrencyKind.LoopPerCore, loops: 1,
            configure: o => o.Listeners.Add(new ListenerOptions { Name = "gate", Service = gate.Name, Address = "127.0.0.1", Port = 0 }));
        var readiness = new Readiness(server.Engine, NullLogger<Readiness>.Instance);
        Assert.Null(await readiness.CheckAsync());

        int port = server.Engine.Listeners.Single(l => l.Name == "gate").Port;
        using var client = await LoopbackClient.ConnectAsync(port);
        await client.SendAsync("hold"u8.ToArray(), SocketFlags.None);
        Assert.True(gate.WaitEntered(TimeSpan.FromSeconds(10)), "the service was never called");
        var held = await readiness.CheckAsync();
        Assert.NotNull(held);
        Assert.Contains("loop 0 did not answer", held);

        gate.Open();
        await TestEngine.WaitUntil(async () => await readiness.CheckAsync() is null, "ready again after the loop let go");
    }

    [Fact]
    public async Task A_draining_engine_is_not_ready()
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, true, EventModel.Reactor));
        var readiness = new Readiness(server.Engine, NullLogger<Readiness>.Instance);
        Assert.Null(await readiness.CheckAsync());
        var drain = server.Engine.DrainAsync(TimeSpan.FromSeconds(1));
        Assert.Contains("draining", await readiness.CheckAsync());
        await drain;
    }
}
