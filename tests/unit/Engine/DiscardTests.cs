using System.Net.Sockets;
using AdminServer.Engine.Config;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

public class DiscardTests
{
    [Theory]
    [InlineData(TriggerMode.ET, true, EventModel.Reactor)]
    [InlineData(TriggerMode.LT, false, EventModel.Proactor)]
    public async Task Discard_reads_everything_sends_nothing_and_counts_every_byte(TriggerMode trigger, bool oneShot, EventModel model)
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(trigger, oneShot, model));
        var sizes = new[] { 1, 1000, 3 * 1024 * 1024 + 17 };
        foreach (var (size, i) in sizes.Select((s, i) => (s, i)))
        {
            using var s = await LoopbackClient.ConnectAsync(server.DiscardPort);
            await s.SendAsync(LoopbackClient.RandomBytes(size, i), SocketFlags.None);
            s.Shutdown(SocketShutdown.Send);
            var buf = new byte[16];
            int n = await s.ReceiveAsync(buf, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, n); // the server answered nothing and closed after our EOF
        }
        await TestEngine.WaitUntil(() => server.Engine.RecentlyClosed.Count == sizes.Length, "all discard connections to close");
        var closed = server.Engine.RecentlyClosed.OrderBy(c => c.Id).ToArray();
        Assert.Equal(sizes.Select(s => (long)s), closed.Select(c => c.BytesIn));
        Assert.All(closed, c => Assert.Equal(0, c.BytesOut));
        var counters = server.Engine.GetState().Counters;
        Assert.Equal(sizes.Sum(s => (long)s), counters.BytesIn);
        Assert.Equal(0, counters.BytesOut);
    }
}
