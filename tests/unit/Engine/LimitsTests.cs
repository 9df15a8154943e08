using System.Net.Sockets;
using AdminServer.Engine.Config;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

/// <summary>Engine:MaxConnections, the per-connection and engine-wide unsent-byte limits, and the read budget, including after a reload.</summary>
public class LimitsTests
{
    private static readonly ConnectionMode EtReactor = new(TriggerMode.ET, false, EventModel.Reactor);

    private static EngineOptions Reloaded(EngineOptions o, Action<EngineOptions> change)
    {
        var c = new EngineOptions
        {
            Concurrency = o.Concurrency, Loops = o.Loops, Trigger = o.Trigger, OneShot = o.OneShot, EventModel = o.EventModel, Workers = o.Workers,
            ReadBudgetBytes = o.ReadBudgetBytes, MaxPendingBytes = o.MaxPendingBytes, MaxPendingBytesTotal = o.MaxPendingBytesTotal,
            MaxConnections = o.MaxConnections, Backlog = o.Backlog, IdleTimeoutSeconds = o.IdleTimeoutSeconds, Timer = o.Timer,
            Listeners = o.Listeners.Select(l => new ListenerOptions { Name = l.Name, Service = l.Service, Address = l.Address, Port = l.Port }).ToList(),
        };
        change(c);
        return c;
    }

    [Fact]
    public async Task Connections_past_MaxConnections_are_refused_at_once_and_counted_per_listener()
    {
        await using var server = await TestEngine.StartAsync(EtReactor, concurrency: ConcurrencyKind.LoopPerCore, configure: o => o.MaxConnections = 10);
        var clients = new List<Socket>();
        for (int i = 0; i < 15; i++) clients.Add(await LoopbackClient.ConnectAsync(server.EchoPort));
        await TestEngine.WaitUntil(() => server.Engine.GetState().Counters.RefusedConnections == 5, "5 refusals");
        var state = server.Engine.GetState();
        Assert.Equal(10, state.Connections);
        Assert.Equal(10, state.MaxConnections);
        var echo = state.Listeners.Single(l => l.Name == "echo");
        Assert.Equal(5, echo.RefusedConnections);
        Assert.Equal(15, echo.Accepts);
        Assert.Equal(10, echo.OpenConnections);
        // The refused peers see EOF at once (they were accepted and closed), nothing hangs in the backlog.
        await TestEngine.WaitUntil(() => clients.Count(c => c.Poll(0, SelectMode.SelectRead) && c.Available == 0) == 5, "5 peers to see EOF");

        // Room again after some close: new connections are served.
        foreach (var c in clients) c.Dispose();
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 0, "all closed");
        using var s = await LoopbackClient.ConnectAsync(server.EchoPort);
        var payload = LoopbackClient.RandomBytes(100, 1);
        Assert.Equal(payload, await LoopbackClient.EchoAsync(s, payload, 1));
    }

    /// <summary>
    /// Sends to an echo it never reads from until the send blocks: every kernel buffer on the way is full and
    /// the engine stopped reading. Returns the unsent bytes the engine then holds for the connection.
    /// </summary>
    private static async Task<int> FillAsync(TestEngine server, Socket s)
    {
        var chunk = new byte[64 * 1024];
        for (int i = 0; i < 2048; i++)
        {
            var send = s.SendAsync(chunk, SocketFlags.None);
            if (await Task.WhenAny(send, Task.Delay(500)) != send) break;
        }
        // Let the engine settle: what it holds no longer changes.
        int last = -1, now = await PendingAsync(server, s);
        while (now != last)
        {
            await Task.Delay(200);
            (last, now) = (now, await PendingAsync(server, s));
        }
        return now;
    }

    private static async Task<int> PendingAsync(TestEngine server, Socket s)
    {
        string me = s.LocalEndPoint!.ToString()!;
        for (int i = 0; i < 100; i++)
        {
            var row = (await server.Engine.GetConnectionsAsync()).FirstOrDefault(r => r.Remote == me);
            if (row is not null) return row.PendingBytes;
            await Task.Delay(20); // accepted on one loop, adopted by another a moment later
        }
        throw new TimeoutException($"connection {me} never appeared");
    }

    [Theory]
    [InlineData(ConcurrencyKind.LoopPerCore, EventModel.Reactor)]
    [InlineData(ConcurrencyKind.HalfSyncHalfAsync, EventModel.Reactor)]
    [InlineData(ConcurrencyKind.HalfSyncHalfAsync, EventModel.Proactor)]
    public async Task MaxPendingBytes_holds_for_every_model_and_a_reload_changes_it(ConcurrencyKind pattern, EventModel model)
    {
        const int small = 256 * 1024, large = 1024 * 1024;
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, false, model), concurrency: pattern,
            configure: o => o.MaxPendingBytes = small);
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 8192 };
        await s.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, server.EchoPort));

        int held = await FillAsync(server, s);
        // At the limit the engine stops reading: it holds the limit plus at most one read (64 KiB) of echo.
        Assert.InRange(held, small, small + 64 * 1024);
        Assert.True(server.Engine.GetState().Counters.PausedReads > 0);

        await server.Engine.ApplyAsync(Reloaded(server.Engine.CurrentOptions, o => o.MaxPendingBytes = large));
        held = await FillAsync(server, s);
        Assert.InRange(held, large, large + 64 * 1024);
    }

    [Fact]
    public async Task Past_MaxPendingBytesTotal_the_peers_holding_the_most_stop_being_read()
    {
        const int budget = 512 * 1024;
        await using var server = await TestEngine.StartAsync(EtReactor, concurrency: ConcurrencyKind.LoopPerCore, configure: o =>
        {
            o.MaxPendingBytes = 16 * 1024 * 1024; // the per-connection limit alone would let each of them hold 16 MiB
            o.MaxPendingBytesTotal = budget;
        });
        var hogs = new List<Socket>();
        for (int i = 0; i < 4; i++)
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 8192 };
            await s.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, server.EchoPort));
            hogs.Add(s);
        }
        await Task.WhenAll(hogs.Select(h => FillAsync(server, h)));
        var state = server.Engine.GetState();
        // Past the budget every connection that holds unsent bytes stops reading: the total stays within the budget plus one read each.
        Assert.InRange(state.PendingBytes, budget, budget + hogs.Count * 64 * 1024 + 64 * 1024);

        // A well-behaved peer is still served meanwhile.
        using var polite = await LoopbackClient.ConnectAsync(server.EchoPort);
        var payload = LoopbackClient.RandomBytes(100_000, 3);
        Assert.Equal(payload, await LoopbackClient.EchoAsync(polite, payload, 3));
        foreach (var h in hogs) h.Dispose();
    }

    [Fact]
    public async Task A_reloaded_read_budget_takes_effect_on_the_next_wakeup()
    {
        await using var server = await TestEngine.StartAsync(EtReactor, concurrency: ConcurrencyKind.LoopPerCore, configure: o => o.ReadBudgetBytes = 64 * 1024 * 1024);
        using var s = await LoopbackClient.ConnectAsync(server.DiscardPort);
        async Task Burst()
        {
            long before = server.Engine.GetState().Counters.BytesIn;
            await s.SendAsync(new byte[4 * 1024 * 1024], SocketFlags.None);
            await TestEngine.WaitUntil(() => server.Engine.GetState().Counters.BytesIn >= before + 4 * 1024 * 1024, "the burst to be read");
        }
        await Burst();
        Assert.Equal(0, server.Engine.GetState().Counters.BudgetYields); // 64 MiB: every wakeup reads to EAGAIN

        await server.Engine.ApplyAsync(Reloaded(server.Engine.CurrentOptions, o => o.ReadBudgetBytes = 1024));
        await Burst();
        Assert.True(server.Engine.GetState().Counters.BudgetYields > 0, "a 1 KiB budget never made a wakeup yield");
    }
}
