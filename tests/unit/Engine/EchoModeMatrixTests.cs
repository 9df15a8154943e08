using AdminServer.Engine.Config;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Engine;

/// <summary>Echo must return exactly what was sent in every pattern × trigger × ONESHOT × model combination that makes sense.</summary>
public class EchoModeMatrixTests
{
    public static TheoryData<ConcurrencyKind, TriggerMode, bool, EventModel> AllModes()
    {
        var data = new TheoryData<ConcurrencyKind, TriggerMode, bool, EventModel>();
        foreach (var p in Enum.GetValues<ConcurrencyKind>())
            foreach (var t in Enum.GetValues<TriggerMode>())
                foreach (var o in new[] { true, false })
                    foreach (var m in Enum.GetValues<EventModel>())
                        if (Fits(p, m)) data.Add(p, t, o, m);
        return data;
    }

    /// <summary>The simulated Proactor needs workers; io_uring completions belong to the loop that submitted them (not leader/follower).</summary>
    private static bool Fits(ConcurrencyKind p, EventModel m) => m switch
    {
        EventModel.Reactor => true,
        EventModel.Proactor => p == ConcurrencyKind.HalfSyncHalfAsync,
        _ => p != ConcurrencyKind.LeaderFollower,
    };

    [Theory]
    [MemberData(nameof(AllModes))]
    public async Task Echo_returns_every_byte_in_order_for_many_concurrent_connections(ConcurrencyKind pattern, TriggerMode trigger, bool oneShot, EventModel model)
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(trigger, oneShot, model), concurrency: pattern);
        const int connections = 24;
        var tasks = Enumerable.Range(0, connections).Select(async i =>
        {
            var payload = LoopbackClient.RandomBytes(256 * 1024 + i * 4099, seed: i);
            using var s = await LoopbackClient.ConnectAsync(server.EchoPort);
            var echoed = await LoopbackClient.EchoAsync(s, payload, seed: i);
            Assert.True(payload.AsSpan().SequenceEqual(echoed), $"connection {i}: echo differs from what was sent");
        });
        await Task.WhenAll(tasks);

        var state = server.Engine.GetState();
        var counters = state.Counters;
        long expected = Enumerable.Range(0, connections).Sum(i => 256L * 1024 + i * 4099);
        Assert.Equal(pattern, state.Concurrency);
        Assert.Equal(expected, counters.BytesIn);
        Assert.Equal(expected, counters.BytesOut);
        if (oneShot) Assert.Equal(0, counters.Collisions); // ONESHOT alone keeps a second thread off the fd
        // Each pattern ran the service where it says it does.
        switch (pattern)
        {
            case ConcurrencyKind.LoopPerCore: Assert.True(counters.InlineRuns > 0 && counters.WorkerRuns == 0 && counters.HandlerRuns == 0); break;
            case ConcurrencyKind.HalfSyncHalfAsync: Assert.True(counters.WorkerRuns > 0 && counters.InlineRuns == 0 && counters.HandlerRuns == 0); break;
            case ConcurrencyKind.LeaderFollower: Assert.True(counters.HandlerRuns > 0 && counters.Promotions > 0 && counters.WorkerRuns == 0 && counters.InlineRuns == 0); break;
        }
        if (model == EventModel.IoUring)
        {
            // The kernel did the I/O: operations submitted and completed, at most one io_uring_enter per loop turn (wait),
            // plus the rare flush of a full submission ring.
            Assert.True(counters.UringSubmits > 0 && counters.UringCompletions > 0, "nothing went through the ring");
            Assert.True(counters.UringEnters <= counters.Waits, $"{counters.UringEnters} io_uring_enter calls for {counters.Waits} turns");
        }
        await TestEngine.WaitUntil(() => server.Engine.GetState().Connections == 0, "all connections to close");
        Assert.All(server.Engine.RecentlyClosed, c => Assert.Equal("peer closed", c.Reason));
    }
}
