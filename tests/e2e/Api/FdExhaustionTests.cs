using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Api;

/// <summary>
/// Running out of file descriptors must never kill the process. Engine:MaxConnections (derived from
/// RLIMIT_NOFILE) refuses connections well before the fd table is full, so the runtime and the admin
/// API keep theirs; the spare-fd trick stays as the last line of defence when something else eats the fds.
/// </summary>
public class FdExhaustionTests
{
    private static async Task<List<Socket>> FloodAsync(int port, int count, int parallel)
    {
        var sockets = new List<Socket>();
        var tasks = Enumerable.Range(0, parallel).Select(async _ =>
        {
            var mine = new List<Socket>();
            for (int i = 0; i < count / parallel; i++)
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try { await s.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)); }
                catch (SocketException) { s.Dispose(); continue; } // a full backlog may refuse: that is fine here
                mine.Add(s);
            }
            return mine;
        });
        foreach (var mine in await Task.WhenAll(tasks)) sockets.AddRange(mine);
        return sockets;
    }

    private static int FdCount(int pid) => Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;

    private static async Task<TimeSpan> TimedGetAsync(ServerProcess server)
    {
        var clock = Stopwatch.StartNew();
        await server.GetJsonAsync("/api/engine").WaitAsync(TimeSpan.FromSeconds(10));
        return clock.Elapsed;
    }

    [Fact]
    public async Task Three_floods_under_a_1024_fd_limit_are_refused_past_the_cap_and_the_process_and_its_api_live()
    {
        await using var server = await ServerProcess.StartAsync(maxOpenFiles: 1024);
        int cap = (await server.GetJsonAsync("/api/engine")).GetProperty("maxConnections").GetInt32();
        Assert.InRange(cap, 100, 1024 - 256); // derived: the limit less the fds open at start and a reserve

        for (int flood = 0; flood < 3; flood++)
        {
            // More connections than the cap, from several tasks at once, to echo and discard.
            var echo = FloodAsync(server.EchoPort, 800, 4);
            var discard = FloodAsync(server.DiscardPort, 400, 4);
            var during = await TimedGetAsync(server);
            var clients = (await echo).Concat(await discard).ToList();
            var state = await server.GetJsonAsync("/api/engine");
            var after = await TimedGetAsync(server);
            Assert.True(during < TimeSpan.FromSeconds(1) && after < TimeSpan.FromSeconds(1), $"flood {flood}: the API took {during.TotalMilliseconds} / {after.TotalMilliseconds} ms");
            Assert.InRange(state.GetProperty("connections").GetInt32(), 0, cap);
            Assert.True(state.GetProperty("counters").GetProperty("refusedConnections").GetInt64() > 0, $"flood {flood}: nothing was refused");
            var listeners = state.GetProperty("listeners").EnumerateArray().ToList();
            Assert.Contains(listeners, l => l.GetProperty("refusedConnections").GetInt64() > 0);
            Assert.False(server.Process.HasExited, $"flood {flood}: the server died\n{server.Output}");
            foreach (var s in clients) s.Dispose();

            // The flood closed: echo serves again.
            await Poll.UntilAsync(() => server.GetJsonAsync("/api/engine"), st => st.GetProperty("connections").GetInt32() == 0);
            using var c = new TcpClient(AddressFamily.InterNetwork);
            await c.ConnectAsync(IPAddress.Loopback, server.EchoPort);
            await c.GetStream().WriteAsync("back"u8.ToArray());
            var buf = new byte[4];
            await c.GetStream().ReadExactlyAsync(buf).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("back"u8.ToArray(), buf);
        }
        Assert.DoesNotContain("PAL_SEHException", server.Output);
    }

    [Fact]
    public async Task When_something_else_eats_the_fds_the_engine_sheds_excess_connections_without_spinning_and_recovers()
    {
        await using var server = await ServerProcess.StartAsync(maxOpenFiles: 1024);
        await server.GetJsonAsync("/api/engine"); // the test's own admin connection, opened before the table fills
        // Idle connections to the admin port: Kestrel accepts each (an fd apiece), outside the engine's cap. Wait until it
        // has accepted them all, so the table fills on the engine's side (Kestrel's own EMFILE handling is not under test).
        var eaters = await FloodAsync(new Uri(server.BaseUrl).Port, 500, 2);
        int last = -1, now = FdCount(server.Process.Id);
        for (int i = 0; i < 50 && now != last; i++)
        {
            await Task.Delay(200);
            (last, now) = (now, FdCount(server.Process.Id));
        }
        var clients = new List<Socket>();
        try
        {
            clients.AddRange(await FloodAsync(server.DiscardPort, 500, 2));
            var shed = await Poll.UntilAsync(() => Task.FromResult(clients.Count(s => s.Poll(0, SelectMode.SelectRead))), n => n > 0);
            Assert.True(shed > 0, "no connection was shed: the engine never hit EMFILE");

            // At the limit with more peers knocking, the loop must sleep, not spin on the LT listener.
            long before = ProcStat.CpuTicks(server.Process.Id);
            clients.AddRange(await FloodAsync(server.DiscardPort, 20, 1));
            await Task.Delay(1000);
            long used = ProcStat.CpuTicks(server.Process.Id) - before; // clock ticks, 100 per CPU-second
            Assert.True(used < 50, $"the server used {used} ticks of CPU in 1 s at the fd limit: it is spinning");
        }
        finally
        {
            foreach (var s in clients) s.Dispose();
            foreach (var s in eaters) s.Dispose();
        }

        // Fds free again: the server serves as before and counted the failed accepts.
        await Task.Delay(300);
        using var echo = new TcpClient(AddressFamily.InterNetwork);
        await echo.ConnectAsync(IPAddress.Loopback, server.EchoPort);
        await echo.GetStream().WriteAsync("back"u8.ToArray());
        var buf = new byte[4];
        await echo.GetStream().ReadExactlyAsync(buf).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("back"u8.ToArray(), buf);
        var state = await server.GetJsonAsync("/api/engine");
        Assert.True(state.GetProperty("counters").GetProperty("acceptErrors").GetInt64() > 0);
        Assert.False(server.Process.HasExited);
    }
}
