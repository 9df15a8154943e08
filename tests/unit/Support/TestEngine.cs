using AdminServer.Engine;
using AdminServer.Engine.Config;

namespace AdminServer.UnitTests.Support;

/// <summary>A real engine on loopback with echo and discard on free ports chosen by the kernel.</summary>
public sealed class TestEngine : IAsyncDisposable
{
    private TestEngine(ServerEngine engine) => Engine = engine;

    public ServerEngine Engine { get; }
    public int EchoPort => Engine.Listeners.Single(l => l.Service == "echo").Port;
    public int DiscardPort => Engine.Listeners.Single(l => l.Service == "discard").Port;
    public int HttpPort => Engine.Listeners.Single(l => l.Service == "http").Port;

    /// <param name="concurrency">HalfSyncHalfAsync unless a test is about another pattern (the mode tests were written for it).</param>
    public static async Task<TestEngine> StartAsync(ConnectionMode mode, int workers = 2, Action<EngineOptions>? configure = null,
        ConcurrencyKind concurrency = ConcurrencyKind.HalfSyncHalfAsync, int loops = 2, AdminServer.Engine.Services.Http.HttpOptions? http = null)
    {
        var options = new EngineOptions
        {
            Concurrency = concurrency,
            Loops = loops,
            Trigger = mode.Trigger,
            OneShot = mode.OneShot,
            EventModel = mode.Model,
            Workers = workers,
            Listeners =
            [
                new() { Name = "echo", Service = "echo", Address = "127.0.0.1", Port = 0 },
                new() { Name = "discard", Service = "discard", Address = "127.0.0.1", Port = 0 },
            ],
        };
        configure?.Invoke(options);
        var engine = new ServerEngine(options, http: http);
        await engine.StartAsync();
        return new TestEngine(engine);
    }

    /// <summary>Polls (bounded) until <paramref name="condition"/> holds; fails the test with <paramref name="what"/> otherwise.</summary>
    public static Task WaitUntil(Func<bool> condition, string what, int timeoutMs = 10_000) =>
        WaitUntil(() => Task.FromResult(condition()), what, timeoutMs);

    /// <summary>As above, for a condition that must ask the loop.</summary>
    public static async Task WaitUntil(Func<Task<bool>> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
