using System.Net.Sockets;
using AdminServer.Engine;
using AdminServer.Engine.Config;
using AdminServer.Engine.Native;
using AdminServer.Engine.Uring;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

/// <summary>The true proactor on io_uring: switches in and out under load, resets, closes with operations in flight, no leaks.</summary>
public class UringTests
{
    private static readonly ConnectionMode Uring = new(TriggerMode.ET, false, EventModel.IoUring);

    [Fact]
    public unsafe void A_ring_completes_what_was_submitted()
    {
        Assert.True(UringProbe.Available, UringProbe.UnavailableReason);
        using var ring = new UringRing();
        var sqe = ring.Next(out _);
        sqe->Opcode = UringConsts.IORING_OP_NOP;
        sqe->UserData = 42;
        Assert.True(ring.Enter(1, 1000));
        var cqes = new IoUringCqe[4];
        Assert.Equal(1, ring.Harvest(cqes));
        Assert.Equal(42UL, cqes[0].UserData);
        Assert.Equal(0, cqes[0].Res);
    }

    [Theory]
    [InlineData(ConcurrencyKind.LoopPerCore)]
    [InlineData(ConcurrencyKind.HalfSyncHalfAsync)]
    public async Task Switching_into_and_out_of_IoUring_while_streaming_loses_nothing(ConcurrencyKind pattern)
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, false, EventModel.Reactor), concurrency: pattern);
        var rng = new Random(3);
        int intoRing = 0, outOfRing = 0;
        var models = pattern == ConcurrencyKind.HalfSyncHalfAsync
            ? new[] { EventModel.Reactor, EventModel.Proactor, EventModel.IoUring }
            : new[] { EventModel.Reactor, EventModel.IoUring };
        await SwitchingStreams.RunAsync(server.EchoPort, connections: 16, bytes: 1024 * 1024, seed: 70, everyNthChunk: 5, async () =>
        {
            var before = server.Engine.GetState().EventModel;
            var model = models[rng.Next(models.Length)];
            var result = await server.Engine.ChangeModeAsync(new ModeChange(EventModel: model, Trigger: rng.Next(2) == 0 ? TriggerMode.ET : TriggerMode.LT));
            Assert.Equal(model, result.Mode.Model);
            if (before != EventModel.IoUring && model == EventModel.IoUring) intoRing++;
            if (before == EventModel.IoUring && model != EventModel.IoUring) outOfRing++;
        });
        Assert.True(intoRing >= 5 && outOfRing >= 5, $"only {intoRing} switches into the ring and {outOfRing} out of it");
        var counters = server.Engine.GetState().Counters;
        Assert.True(counters.UringCancels > 0, "no operation in flight was ever cancelled by a switch");
        Assert.Equal(counters.BytesIn, counters.BytesOut);
    }

    [Fact]
    public async Task A_peer_reset_during_a_send_closes_that_connection_only()
    {
        await using var server = await TestEngine.StartAsync(Uring, concurrency: ConcurrencyKind.LoopPerCore);
        var victim = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await victim.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, server.EchoPort));
        var chunk = new byte[256 * 1024];
        for (int i = 0; i < 16; i++)
        {
            var send = victim.SendAsync(chunk, SocketFlags.None);
            if (await Task.WhenAny(send, Task.Delay(200)) != send) break;
        }
        victim.LingerState = new LingerOption(true, 0); // close with RST
        victim.Dispose();
        await TestEngine.WaitUntil(() => server.Engine.RecentlyClosed.Count == 1, "the reset connection to close");
        Assert.Contains(server.Engine.RecentlyClosed.Single().Reason, new[] { "ECONNRESET", "EPIPE", "peer closed" });

        using var bystander = await LoopbackClient.ConnectAsync(server.EchoPort);
        var payload = LoopbackClient.RandomBytes(100_000, 4);
        Assert.Equal(payload, await LoopbackClient.EchoAsync(bystander, payload, 4));
    }

    [Fact]
    public async Task Closing_connections_with_operations_in_flight_waits_for_their_completions()
    {
        await using var server = await TestEngine.StartAsync(Uring, concurrency: ConcurrencyKind.LoopPerCore);
        var clients = new List<Socket>();
        for (int i = 0; i < 50; i++) clients.Add(await LoopbackClient.ConnectAsync(server.EchoPort));
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 50, "50 connections");
        // Each has a RECV in flight in the ring; closing from the admin side cancels it first.
        foreach (var row in await server.Engine.GetConnectionsAsync()) Assert.True(await server.Engine.CloseConnectionAsync(row.Id));
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 0, "every connection closed");
        foreach (var c in clients)
            Assert.Equal(0, await c.ReceiveAsync(new byte[1], SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(server.Engine.GetState().Counters.UringCancels >= 50);
        foreach (var c in clients) c.Dispose();
    }
}
