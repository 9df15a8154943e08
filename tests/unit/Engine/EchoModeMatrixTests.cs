using AdminServer.Engine.Config;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

/// <summary>Echo must return exactly what was sent in every trigger × ONESHOT × model combination.</summary>
public class EchoModeMatrixTests
{
    public static TheoryData<TriggerMode, bool, EventModel> AllModes()
    {
        var data = new TheoryData<TriggerMode, bool, EventModel>();
        foreach (var t in Enum.GetValues<TriggerMode>())
            foreach (var o in new[] { true, false })
                foreach (var m in Enum.GetValues<EventModel>())
                    data.Add(t, o, m);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllModes))]
    public async Task Echo_returns_every_byte_in_order_for_many_concurrent_connections(TriggerMode trigger, bool oneShot, EventModel model)
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(trigger, oneShot, model));
        const int connections = 24;
        var tasks = Enumerable.Range(0, connections).Select(async i =>
        {
            var payload = LoopbackClient.RandomBytes(256 * 1024 + i * 4099, seed: i);
            using var s = await LoopbackClient.ConnectAsync(server.EchoPort);
            var echoed = await LoopbackClient.EchoAsync(s, payload, seed: i);
            Assert.True(payload.AsSpan().SequenceEqual(echoed), $"connection {i}: echo differs from what was sent");
        });
        await Task.WhenAll(tasks);

        var counters = server.Engine.GetState().Counters;
        long expected = Enumerable.Range(0, connections).Sum(i => 256L * 1024 + i * 4099);
        Assert.Equal(expected, counters.BytesIn);
        Assert.Equal(expected, counters.BytesOut);
        if (oneShot) Assert.Equal(0, counters.Collisions); // ONESHOT alone keeps a second worker off the fd
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 0, "all connections to close");
        Assert.All(server.Engine.RecentlyClosed, c => Assert.Equal("peer closed", c.Reason));
    }
}
