using AdminServer.Engine.Io;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Native;

namespace AdminServer.Engine.Threads;

/// <summary>
/// One dedicated engine thread (a loop, a worker, a leader/follower thread): its name, its kernel
/// thread id (for /proc/self/task/TID/stat), the role it plays right now and the I/O context it
/// reuses for every connection it handles. Never a thread-pool thread.
/// </summary>
internal sealed class EngineThread
{
    private readonly Thread _thread;
    private volatile string _role;
    private int _tid;

    public EngineThread(string name, string role, Action<EngineThread> body)
    {
        Name = name;
        _role = role;
        _thread = new Thread(() =>
        {
            Volatile.Write(ref _tid, LibC.GetTid());
            body(this);
        }) { Name = name, IsBackground = true };
    }

    public string Name { get; }
    public int Tid => Volatile.Read(ref _tid);
    public IoContext Context { get; } = new();

    /// <summary>What the thread does at this moment ("loop", "leader", "follower", "handling", "worker", "parked"…).</summary>
    public string Role
    {
        get => _role;
        set => _role = value;
    }

    /// <summary>Leader/follower: the connections the leader claimed in its wait, handled by it after it promoted a follower.</summary>
    public List<Connection> Batch { get; } = [];

    public void Start() => _thread.Start();

    public bool Join(TimeSpan timeout) => _thread.Join(timeout);

    public EngineThreadInfo Describe() => new(Name, Tid, Role, Volatile.Read(ref Context.Counters.Events),
        Volatile.Read(ref Context.Counters.InlineRuns) + Volatile.Read(ref Context.Counters.WorkerRuns) + Volatile.Read(ref Context.Counters.HandlerRuns));
}
