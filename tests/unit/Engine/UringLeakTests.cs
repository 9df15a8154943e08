using System.Net.Sockets;
using AdminServer.Engine.Config;
using AdminServer.Engine.Native;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

/// <summary>Tests that count this process's fds: nothing else may open or close any meanwhile, so they run alone.</summary>
[CollectionDefinition(nameof(FdCountingCollection), DisableParallelization = true)]
public class FdCountingCollection;

/// <summary>io_uring keeps buffers and fds per connection; thousands of connections later, none is left behind.</summary>
[Collection(nameof(FdCountingCollection))]
public class UringLeakTests
{
    private static readonly ConnectionMode Uring = new(TriggerMode.ET, false, EventModel.IoUring);

    [Fact]
    public async Task Ten_thousand_connect_close_cycles_leak_no_fd()
    {
        await using var server = await TestEngine.StartAsync(Uring, concurrency: ConcurrencyKind.LoopPerCore);
        // Warm up (the ring and the pools exist), then count.
        for (int i = 0; i < 100; i++) await Cycle(server.EchoPort);
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 0, "warm-up closes");
        int before = FdLimit.InUse();
        var tasks = Enumerable.Range(0, 8).Select(async t => { for (int i = 0; i < 1250; i++) await Cycle(server.EchoPort); });
        await Task.WhenAll(tasks);
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 0, "every connection closed", 20_000);
        int after = FdLimit.InUse();
        Assert.True(after <= before + 5, $"{after - before} more fds open after 10,000 cycles ({before} → {after})");
        Assert.True(server.Engine.GetState().Counters.Accepts >= 10_100);

        static async Task Cycle(int port)
        {
            using var s = await LoopbackClient.ConnectAsync(port);
            await s.SendAsync(new byte[] { 1 }, SocketFlags.None);
            var b = new byte[1];
            await s.ReceiveAsync(b, SocketFlags.None);
        }
    }
}
