using System.Collections.Concurrent;
using System.Net;
using AdminServer.Engine.Config;
using AdminServer.Engine.Metrics;
using AdminServer.Engine.Models;
using AdminServer.Engine.Native;
using AdminServer.Engine.Timers;
using AdminServer.Engine.Workers;
using Microsoft.Extensions.Logging;

namespace AdminServer.Engine.Loop;

/// <summary>
/// One event loop on a dedicated thread: epoll_wait, dispatch ready channels, then run the
/// commands other threads queued (woken through an eventfd) and the posted re-reads.
/// It alone changes epoll registrations, closes connections and touches its tables.
/// </summary>
internal sealed partial class EventLoop : IDisposable
{
    private const int MaxEvents = 256;

    private readonly Epoll _epoll = new();
    private readonly EventFd _wakeFd = new();
    private readonly ChannelTable _channels = new();
    private readonly Dictionary<long, Connection> _connections = [];
    private readonly List<Acceptor> _acceptors = [];
    private readonly ConcurrentQueue<LoopCommand> _commands = new();
    private readonly Queue<Connection> _posted = new();
    private readonly Queue<ModeSwitch> _switches = new();
    private readonly SpareFd _spareFd = new();
    private readonly WorkerPool _workers;
    private readonly IEventModel _reactor = new ReactorModel();
    private readonly IEventModel _proactor = new ProactorModel();
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IdleTimers _timers;
    private readonly Action<Connection> _onIdle;
    private ModeSwitch? _activeSwitch;
    private ConnectionMode _mode;
    private int _wakePending;
    private bool _running = true;
    private bool _stopping;
    private long _drainDeadlineMs = long.MaxValue; // set while draining for a graceful stop
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _connectionCount;
    private static long s_nextConnectionId;

    public EventLoop(string name, EngineOptions options, WorkerPool workers, ILogger logger)
    {
        Name = name;
        Options = options;
        _mode = options.Mode;
        _timers = new IdleTimers(options.Timer, options.IdleTimeoutSeconds * 1000L, MonotonicClock.NowMs);
        _onIdle = c => RequestClose(c, "idle timeout");
        _workers = workers;
        _logger = logger;
        _channels.Add(new WakeupChannel(_wakeFd)); // slot 0
        _epoll.Add(_wakeFd.Fd, Consts.EPOLLIN, 0);
        _thread = new Thread(Run) { Name = name, IsBackground = true };
    }

    public string Name { get; }
    public EngineOptions Options { get; private set; }
    private bool Draining => _drainDeadlineMs != long.MaxValue;
    public IoCounters Counters { get; } = new();
    public byte[] ReadBuffer { get; } = new byte[64 * 1024];
    public ClosedHistory Closed { get; } = new(1000);
    public int ConnectionCount => Volatile.Read(ref _connectionCount);
    public ConnectionMode Mode => _mode;

    public void Start() => _thread.Start();

    // ---- cross-thread entry points: everything goes through the command queue ----

    public void PostWorkDone(Connection c, WorkResult result) => Post(LoopCommand.WorkDone(c, result));

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

    private void Post(LoopCommand command)
    {
        _commands.Enqueue(command);
        // One eventfd write per batch: later posters see the flag and skip the syscall.
        if (Interlocked.Exchange(ref _wakePending, 1) == 0) _wakeFd.Signal();
    }

    // ---- the loop ----

    private void Run()
    {
        Span<EpollEvent> events = new EpollEvent[MaxEvents];
        try
        {
            while (_running)
            {
                int timeout = _posted.Count > 0 || !_commands.IsEmpty ? 0 : _timers.WaitTimeoutMs(MonotonicClock.NowMs);
                if (Draining) timeout = timeout < 0 ? 50 : Math.Min(timeout, 50);
                int n = _epoll.Wait(events, timeout);
                Counters.EpollWaits++;
                Counters.Events += n;
                for (int i = 0; i < n; i++)
                {
                    var channel = _channels.Find(events[i].Data);
                    if (channel is null) { Counters.StaleEvents++; continue; }
                    channel.OnEvents(events[i].Events);
                }
                RunCommands();
                RunPosted();
                _timers.Expire(MonotonicClock.NowMs, _onIdle);
                if (Draining) DrainStep();
                if (_stopping && _connections.Count == 0) _running = false;
            }
            _stopped.TrySetResult();
        }
        catch (Exception ex)
        {
            _logger.LogCritical(ex, "Event loop {Loop} failed", Name);
            _stopped.TrySetException(ex);
        }
    }

    private void RunCommands()
    {
        Volatile.Write(ref _wakePending, 0);
        // Bounded: commands posted while we run wait for the next turn, so I/O is never starved.
        int budget = _commands.Count;
        while (budget-- > 0 && _commands.TryDequeue(out var cmd))
        {
            if (cmd.Action is { } action) action();
            else OnWorkDone(cmd.Connection!, cmd.Result);
        }
    }

    private void RunPosted()
    {
        int count = _posted.Count;
        while (count-- > 0)
        {
            var c = _posted.Dequeue();
            c.Posted = false;
            // A ONESHOT connection a worker still holds is left alone: the re-arm when the worker
            // returns re-reports the unread rest (MOD polls readiness), and running it now would
            // hand the connection to a second worker.
            bool held = c.Mode.OneShot && c.Outstanding > 0;
            if (c.Closed || c.CloseReason is not null || c.PendingMode is not null || held) { UpdateInterest(c); continue; }
            ModelFor(c).OnReady(this, c, 0);
            AfterIo(c);
        }
    }

    // ---- connections ----

    public IEventModel ModelFor(Connection c) => c.Mode.Model == EventModel.Reactor ? _reactor : _proactor;

    public void Adopt(Acceptor acceptor, int fd, IPEndPoint remote)
    {
        Sockets.SetInt(fd, Consts.IPPROTO_TCP, Consts.TCP_NODELAY, 1);
        var c = new Connection(this, Interlocked.Increment(ref s_nextConnectionId), fd, acceptor.Service, acceptor.Name, remote, _mode);
        c.Token = _channels.Add(c);
        _connections.Add(c.Id, c);
        Volatile.Write(ref _connectionCount, _connections.Count);
        c.Registered = DesiredEvents(c);
        _epoll.Add(fd, c.Registered, c.Token);
        Counters.EpollCtls++;
        c.Armed = true;
        _timers.Start(c, MonotonicClock.NowMs);
    }

    public void ShedOneConnection(int listenFd) => _spareFd.ShedOne(listenFd);

    public void OnConnectionEvents(Connection c, uint events)
    {
        if (c.Mode.OneShot) c.Armed = false;
        if (c.CloseReason is not null || c.PendingMode is not null) return; // re-reported by the MOD that follows
        if ((events & Consts.EPOLLERR) != 0)
        {
            var error = Sockets.PendingError(c.Fd);
            RequestClose(c, error == 0 ? "EPOLLERR" : error.ToString());
            return;
        }
        ModelFor(c).OnReady(this, c, events);
        AfterIo(c);
    }

    public void Dispatch(Connection c)
    {
        // A dispatch still waiting in the queue will see this readiness too: without ONESHOT an
        // LT fd is reported on every wait, and queueing each report would grow the queue without
        // bound. Coalescing caps a connection at one queued plus one running dispatch.
        if (Interlocked.Exchange(ref c.Queued, 1) == 1) { Counters.Coalesced++; return; }
        c.Outstanding++;
        Counters.Dispatches++;
        _workers.Enqueue(c);
    }

    public void PostReRead(Connection c)
    {
        if (c.Posted) return;
        c.Posted = true;
        _posted.Enqueue(c);
    }

    private void OnWorkDone(Connection c, WorkResult result)
    {
        c.Outstanding--;
        if (c.Closed) return;
        if (result.Seq > c.AppliedSeq)
        {
            c.AppliedSeq = result.Seq;
            ModelFor(c).OnWorkDone(this, c, result);
            if (result.CloseReason is { } reason) RequestClose(c, reason);
        }
        AfterIo(c);
    }

    /// <summary>Common tail after any I/O step: finish a close or a mode switch once no worker holds the connection, else re-arm.</summary>
    private void AfterIo(Connection c)
    {
        if (c.Closed) return;
        if (c.Outstanding == 0)
        {
            if (c.CloseReason is { } reason) { Close(c, reason); return; }
            if (c.EofSeen && !c.Posted && ModelFor(c).IsDrained(c)) { Close(c, "peer closed"); return; }
            if (c.PendingMode is { } target) { ApplyMode(c, target); FinishOneSwitchWaiter(rearmed: true); return; }
        }
        UpdateInterest(c);
    }

    public void RequestClose(Connection c, string reason)
    {
        c.CloseReason ??= reason;
        if (c.Outstanding == 0 && !c.Closed) Close(c, c.CloseReason);
    }

    private uint DesiredEvents(Connection c)
    {
        var model = ModelFor(c);
        uint ev = 0;
        if (!c.EofSeen && c.PendingMode is null && !model.IsBackpressured(c, Options.MaxPendingBytes))
            ev |= Consts.EPOLLIN | Consts.EPOLLRDHUP;
        if (model.WantsWrite(c)) ev |= Consts.EPOLLOUT;
        if (c.Mode.Trigger == TriggerMode.ET) ev |= Consts.EPOLLET;
        if (c.Mode.OneShot) ev |= Consts.EPOLLONESHOT;
        return ev;
    }

    private void UpdateInterest(Connection c)
    {
        if (c.Closed || c.CloseReason is not null) return;
        // A ONESHOT fd stays silent while a worker or the posted queue has it; it is re-armed on return.
        if (c.Mode.OneShot && (c.Outstanding > 0 || c.Posted)) return;
        uint want = DesiredEvents(c);
        if (want == c.Registered && (c.Armed || !c.Mode.OneShot)) return;
        Rearm(c, want);
    }

    private void Rearm(Connection c, uint want)
    {
        _epoll.Modify(c.Fd, want, c.Token);
        Counters.EpollCtls++;
        c.Registered = want;
        c.Armed = true;
    }

    private void Close(Connection c, string reason)
    {
        c.Closed = true;
        c.CloseReason ??= reason;
        _timers.Stop(c);
        if (c.PendingMode is not null) { c.PendingMode = null; FinishOneSwitchWaiter(rearmed: false); }
        LibC.Close(c.Fd); // also removes it from the epoll set
        _channels.Remove(c.Token);
        _connections.Remove(c.Id);
        Volatile.Write(ref _connectionCount, _connections.Count);
        c.ReleaseBuffers();
        Counters.Closes++;
        Closed.Add(new ClosedConnectionInfo(c.Id, c.Service.Name, c.Remote.ToString(), reason,
            Volatile.Read(ref c.BytesIn), Volatile.Read(ref c.BytesOut), c.OpenedAt, DateTimeOffset.UtcNow));
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
            rows[i++] = new ConnectionInfo(c.Id, c.Service.Name, c.Listener, c.Remote.ToString(), c.State, c.Mode.ToString(),
                Volatile.Read(ref c.BytesIn), Volatile.Read(ref c.BytesOut), c.OpenedAt, now.AddMilliseconds(-idleMs), Name);
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
        _spareFd.Dispose();
        _wakeFd.Dispose();
        _epoll.Dispose();
    }
}
