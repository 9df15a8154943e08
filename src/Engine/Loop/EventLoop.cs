using System.Collections.Concurrent;
using System.Diagnostics;
using AdminServer.Engine.Concurrency;
using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Io;
using AdminServer.Engine.Models;
using AdminServer.Engine.Native;
using AdminServer.Engine.Threads;
using AdminServer.Engine.Timers;
using Microsoft.Extensions.Logging;

namespace AdminServer.Engine.Loop;

/// <summary>
/// One event loop: it owns a demultiplexer, the channel table (generation tokens), a command queue
/// woken through an eventfd, its idle timers and its connections. A turn waits, hands every ready
/// channel to the concurrency pattern, then runs the queued commands, the posted re-reads and the
/// due timers. Its own thread runs the turns, except under leader/follower, where the leader does.
/// Whoever runs a turn is the only thread touching the loop's tables.
/// </summary>
internal sealed partial class EventLoop : IDisposable
{
    private const int MaxEvents = 256;
    private static readonly long TicksPerMs = Stopwatch.Frequency / 1000;
    private static readonly long TicksPerMicro = Math.Max(1, Stopwatch.Frequency / 1_000_000);

    private IDemultiplexer _demux;
    private readonly EventFd _wakeFd = new();
    private readonly ChannelTable _channels = new();
    private readonly Dictionary<long, Connection> _connections = [];
    private readonly List<Acceptor> _acceptors = [];
    private readonly ConcurrentQueue<LoopCommand> _commands = new();
    private readonly Queue<Connection> _posted = new();
    private readonly Queue<ModeSwitch> _switches = new();
    private readonly ReadyEvent[] _ready = new ReadyEvent[MaxEvents];
    private readonly IEventModel _reactor = new ReactorModel();
    private readonly IEventModel _proactor = new ProactorModel();
    private readonly ILogger _logger;
    private readonly EngineThread _own;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IdleTimers _timers;
    private SpareFd? _spareFd;
    private IConcurrencyPattern _pattern;
    private ModeSwitch? _activeSwitch;
    private ConnectionMode _mode;
    private IoContext _turnContext;
    private int _wakePending;
    private volatile bool _running = true;
    private bool _stopping;
    private long _drainDeadlineMs = long.MaxValue; // set while draining for a graceful stop
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _connectionCount;
    private long _turnTicks;

    public EventLoop(int index, EngineOptions options, EngineRuntime runtime, ILogger logger)
    {
        Index = index;
        Name = $"adminserver-loop-{index}";
        Options = options;
        Runtime = runtime;
        _mode = options.Mode;
        _pattern = runtime.Pattern;
        _demux = Demultiplexers.Create(options.Poller);
        Now = MonotonicClock.NowMs;
        _timers = new IdleTimers(options.Timer, options.IdleTimeoutSeconds * 1000L, Now,
            c => RequestClose(c, c.Service.IdleTimeout is null ? "idle timeout" : "keep-alive timeout"), OnRequestTimeout);
        _logger = logger;
        _channels.Add(new WakeupChannel(_wakeFd)); // slot 0
        _demux.Add(_wakeFd.Fd, 0, Interest.Readable);
        _own = new EngineThread(Name, "loop", OwnThreadMain);
        _turnContext = _own.Context;
    }

    public int Index { get; }
    public string Name { get; }
    public EngineRuntime Runtime { get; }
    public EngineOptions Options { get; private set; }
    private bool Draining => _drainDeadlineMs != long.MaxValue;
    public int ConnectionCount => Volatile.Read(ref _connectionCount);
    public ConnectionMode Mode => _mode;
    public PollerKind Poller => _demux.Kind;
    public EngineThread OwnThread => _own;

    /// <summary>The monotonic clock in ms as read once this turn, after the wait returned.</summary>
    public long Now { get; private set; }

    /// <summary>The I/O context of the thread running the current turn (its buffers and counters).</summary>
    public IoContext Context => _turnContext;

    public void Start() => _own.Start();

    // ---- cross-thread entry points: everything goes through the command queue ----

    public void PostWorkDone(Connection c, WorkResult result) => Post(LoopCommand.WorkDone(c, result));

    public void PostReturned(Connection c, WorkResult result) => Post(LoopCommand.Returned(c, result));

    public Task<T> InvokeAsync<T>(Func<T> func)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(LoopCommand.Run(() =>
        {
            try { tcs.TrySetResult(func()); }
            catch (Exception ex) { tcs.TrySetException(ex); }
        }));
        return tcs.Task;
    }

    public void Post(Action action) => Post(LoopCommand.Run(action));

    private void Post(LoopCommand command)
    {
        _commands.Enqueue(command);
        // One eventfd write per batch: later posters see the flag and skip the syscall.
        if (Interlocked.Exchange(ref _wakePending, 1) == 0) _wakeFd.Signal();
    }

    // ---- the loop ----

    private void OwnThreadMain(EngineThread self)
    {
        try
        {
            while (_running)
            {
                if (!_ownTurn.IsSet)
                {
                    self.Role = "parked (leader/follower runs loop 0)";
                    _ownTurn.Wait();
                    self.Role = "loop";
                    continue;
                }
                Turn(self);
                if (_handOverToFollowers) HandOverToFollowers();
                if (self.Batch.Count > 0) HandleBatch(self);
            }
            StopFollowers();
            _stopped.TrySetResult();
        }
        catch (Exception ex)
        {
            _logger.LogCritical(ex, "Event loop {Loop} failed", Name);
            _stopped.TrySetException(ex);
        }
    }

    /// <summary>One turn: wait, dispatch what is ready, run commands, posted re-reads and due timers.</summary>
    private void Turn(EngineThread thread)
    {
        var ctx = thread.Context;
        _turnContext = ctx;
        var k = ctx.Counters;
        int timeout = _posted.Count > 0 || !_commands.IsEmpty ? 0 : _timers.WaitTimeoutMs(MonotonicClock.NowMs);
        timeout = AcceptBackoffTimeout(timeout);
        bool listenersDraining = Runtime.DrainingListeners > 0;
        if (Draining || listenersDraining) timeout = timeout < 0 ? 50 : Math.Min(timeout, 50);
        long before = Stopwatch.GetTimestamp();
        bool ring = RingMode;
        int completions = 0, n = 0, scanned = 0;
        if (ring) completions = WaitOnRing(timeout);
        else n = _demux.Wait(_ready, timeout, out scanned);
        long after = Stopwatch.GetTimestamp();
        // The clock once per turn (muduo, nginx): every activity stamp of this turn uses it.
        Now = ctx.NowMs = after / TicksPerMs;
        _turnTicks = after;
        k.Waits++;
        k.SystemCalls++; // epoll_wait / poll / select, or io_uring_enter in ring mode
        k.WaitMicros += (after - before) / TicksPerMicro;
        if (ring && OnCompletions(completions))
        {
            // The ring said the demultiplexer has something (or it had more last time): look without waiting.
            n = _demux.Wait(_ready, 0, out scanned);
            k.SystemCalls++;
            _epollAgain = n > 0;
        }
        k.Events += n;
        k.FdsScanned += scanned;
        for (int i = 0; i < n; i++)
        {
            var channel = _channels.Find(_ready[i].Token);
            if (channel is null) { k.StaleEvents++; continue; }
            channel.OnEvents(_ready[i].Events, thread);
        }
        RunCommands();
        RunPosted(thread);
        _timers.Expire(Now);
        if (_pausedAcceptors.Count > 0) ResumeAcceptors(Now);
        if (Draining) DrainStep();
        if (listenersDraining) DrainListenersStep();
        if (_stopping && _connections.Count == 0) _running = false;
    }

    private void RunCommands()
    {
        Volatile.Write(ref _wakePending, 0);
        // Bounded: commands posted while we run wait for the next turn, so I/O is never starved.
        int budget = _commands.Count;
        while (budget-- > 0 && _commands.TryDequeue(out var cmd))
        {
            switch (cmd.Kind)
            {
                case LoopCommandKind.Run: cmd.Action!(); break;
                case LoopCommandKind.WorkDone: OnWorkDone(cmd.Connection!, cmd.Result); break;
                case LoopCommandKind.Returned: OnReturned(cmd.Connection!, cmd.Result); break;
            }
        }
    }

    private void RunPosted(EngineThread thread)
    {
        int count = _posted.Count;
        while (count-- > 0)
        {
            var c = _posted.Dequeue();
            if (c.Loop != this || c.Closed) continue; // moved to another loop or closed since it was posted
            c.Posted = false;
            // A ONESHOT connection someone still holds is left alone: the re-arm when it comes back
            // re-reports the unread rest, and running it now would hand it to a second thread.
            bool held = c.Mode.OneShot && c.Busy;
            if (c.CloseReason is not null || c.PendingMode is not null || c.PendingMove is not null || held) { UpdateInterest(c); continue; }
            c.ReadyTicks = _turnTicks;
            Ready(c, Readiness.Posted, thread);
        }
    }

    // ---- snapshots ----

    public IReadOnlyList<ConnectionInfo> SnapshotConnections()
    {
        var rows = new ConnectionInfo[_connections.Count];
        int i = 0;
        long nowMs = MonotonicClock.NowMs;
        var now = DateTimeOffset.UtcNow;
        foreach (var c in _connections.Values)
        {
            long idleMs = nowMs - Volatile.Read(ref c.LastActivityMs);
            rows[i++] = new ConnectionInfo(c.Id, c.Service.Name, c.Listener.Name, c.Remote.ToString(), c.State, c.Mode.ToString(),
                Volatile.Read(ref c.BytesIn), Volatile.Read(ref c.BytesOut), Volatile.Read(ref c.PendingBytes),
                c.OpenedAt, now.AddMilliseconds(-idleMs), Name, c.IdleTimer.IsPending ? Math.Max(0, c.IdleTimer.Deadline - nowMs) : null);
        }
        return rows;
    }

    public bool CloseById(long id, string reason)
    {
        if (!_connections.TryGetValue(id, out var c) || c.CloseReason is not null) return false;
        RequestClose(c, reason);
        return true;
    }

    public void Log(string message) => _logger.LogWarning("{Loop}: {Message}", Name, message);

    public void Dispose()
    {
        _spareFd?.Dispose();
        _wakeFd.Dispose();
        _demux.Dispose();
        _ring?.Dispose();
        _leadership.Dispose();
        _ownTurn.Dispose();
    }
}
