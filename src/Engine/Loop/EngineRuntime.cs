using AdminServer.Engine.Concurrency;
using AdminServer.Engine.Config;
using AdminServer.Engine.Io;
using AdminServer.Engine.Workers;
using Microsoft.Extensions.Logging;

namespace AdminServer.Engine.Loop;

/// <summary>
/// What every loop of one engine shares: the other loops (to hand new connections to), the worker
/// pool, the engine-wide limits, the closed-connection history and the pattern in force.
/// Everything here is safe to read from any loop thread.
/// </summary>
internal sealed class EngineRuntime(EngineOptions options, int maxConnections, WorkerPool workers, ILogger logger)
{
    private long _nextConnectionId;
    private uint _nextLoop;
    private volatile IConcurrencyPattern _pattern = ConcurrencyPatterns.Create(options.Concurrency);

    public EventLoop[] Loops { get; set; } = [];
    public WorkerPool Workers { get; } = workers;
    public PendingBudget Pending { get; } = new(options.MaxPendingBytesTotal);
    public ConnectionLimit Limit { get; } = new(maxConnections);
    public ClosedHistory Closed { get; } = new(1000);
    public ILogger Logger { get; } = logger;

    /// <summary>The pattern new connections are placed by (each loop also keeps the one it runs).</summary>
    public IConcurrencyPattern Pattern
    {
        get => _pattern;
        set => _pattern = value;
    }

    public long NextConnectionId() => Interlocked.Increment(ref _nextConnectionId);

    private int _drainingListeners;

    /// <summary>Listeners being drained right now: while there are any, every loop looks for quiet connections of theirs to close.</summary>
    public int DrainingListeners => Volatile.Read(ref _drainingListeners);

    public void ListenerDrainStarted() => Interlocked.Increment(ref _drainingListeners);

    public void ListenerDrainEnded() => Interlocked.Decrement(ref _drainingListeners);

    /// <summary>The loop a new connection goes to: round-robin over every loop, or loop 0 when the pattern uses only one.</summary>
    public EventLoop Place()
    {
        var loops = Loops;
        if (!_pattern.UsesEveryLoop || loops.Length == 1) return loops[0];
        return loops[Interlocked.Increment(ref _nextLoop) % (uint)loops.Length];
    }
}
