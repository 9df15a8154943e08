using System.Net;
using System.Net.Sockets;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Api;

/// <summary>EMFILE on accept: the spare-fd trick sheds the excess connection instead of spinning on the listener.</summary>
public class FdExhaustionTests
{
    [Fact]
    public async Task Out_of_fds_the_server_sheds_excess_connections_without_spinning_and_recovers()
    {
        await using var server = await ServerProcess.StartAsync(maxOpenFiles: 320);
        var clients = new List<Socket>();
        try
        {
            // Far more connections than the server has fds for; the kernel completes the handshakes.
            for (int i = 0; i < 500; i++)
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await s.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.DiscardPort));
                clients.Add(s);
            }
            // Excess connections are accepted and closed: their clients see EOF or a reset, none hangs.
            int shed = 0;
            foreach (var s in clients)
            {
                s.ReceiveTimeout = 0;
                if (s.Poll(0, SelectMode.SelectRead)) shed++;
            }
            for (int i = 0; i < 100 && shed == 0; i++)
            {
                await Task.Delay(50);
                shed = clients.Count(s => s.Poll(0, SelectMode.SelectRead));
            }
            Assert.True(shed > 0, "no connection was shed: the server never hit EMFILE");

            // While at the limit with more peers knocking, the loop must sleep, not spin on the LT listener.
            long before = ProcStat.CpuTicks(server.Process.Id);
            var knockers = new List<Socket>();
            for (int i = 0; i < 20; i++)
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await s.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.DiscardPort));
                knockers.Add(s);
            }
            await Task.Delay(1000);
            long used = ProcStat.CpuTicks(server.Process.Id) - before; // clock ticks, 100 per CPU-second
            clients.AddRange(knockers);
            Assert.True(used < 50, $"the server used {used} ticks of CPU in 1 s at the fd limit: it is spinning");
        }
        finally
        {
            foreach (var s in clients) s.Dispose();
        }

        // Fds free again: the server serves as before and counted the failed accepts.
        await Task.Delay(200);
        using var echo = new TcpClient(AddressFamily.InterNetwork);
        await echo.ConnectAsync(IPAddress.Loopback, server.EchoPort);
        await echo.GetStream().WriteAsync("back"u8.ToArray());
        var buf = new byte[4];
        await echo.GetStream().ReadExactlyAsync(buf).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("back"u8.ToArray(), buf);
        var state = await server.GetJsonAsync("/api/engine");
        Assert.True(state.GetProperty("counters").GetProperty("acceptErrors").GetInt64() > 0);
    }
}
