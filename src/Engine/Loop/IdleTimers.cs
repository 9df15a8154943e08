using AdminServer.Engine.Services;
using AdminServer.Engine.Timers;

namespace AdminServer.Engine.Loop;

/// <summary>
/// Application-level keepalive on one loop: one timer per connection in a switchable structure.
/// Activity only stamps <see cref="Connection.LastActivityMs"/> (no re-linking per read); when a
/// timer fires, the loop re-checks the stamp and either closes the connection or re-arms for the
/// remainder. A service may bring its own keepalive (HTTP's keep-alive) and a request timeout
/// counted from the start of a request, so one structure holds timers of different lengths.
/// The list is ticked at a fixed interval (its classic periodic form); wheel and heap set the
/// epoll_wait timeout from their next deadline, so an idle loop sleeps.
/// </summary>
internal sealed class IdleTimers
{
    /// <summary>The sorted list's tick, as alarm(1) would give it.</summary>
    public const long ListTickMs = 1000;

    private readonly List<TimerNode> _fired = [];
    private readonly Action<Connection> onIdle;
    private readonly Action<Connection> onRequestTimeout;
    private ITimerQueue _queue;
    private long _nextListTick;

    public IdleTimers(TimerKind kind, long idleMs, long now, Action<Connection> onIdle, Action<Connection> onRequestTimeout)
    {
        _queue = TimerQueues.Create(kind, now);
        IdleMs = idleMs;
        _nextListTick = now + ListTickMs;
        this.onIdle = onIdle;
        this.onRequestTimeout = onRequestTimeout;
    }

    public long IdleMs { get; private set; }

    /// <summary>
    /// True when SIGALRM (through the unified signal source) ticks the list, as in the classic
    /// design: the loop then sleeps until the signal wakes it instead of computing a timeout.
    /// </summary>
    public bool AlarmDriven { get; set; }

    public TimerKind Kind => _queue.Kind;
    public int Count => _queue.Count;

    /// <summary>The connection's keepalive: its service's (HTTP keep-alive) or the engine's; 0 disables it.</summary>
    private long IdleMsFor(Connection c) => c.Service.IdleTimeout is { } t ? (long)t.TotalMilliseconds : IdleMs;

    /// <summary>The connection's request timeout, if its service has one and its session can answer it.</summary>
    private static long RequestMsFor(Connection c) =>
        c.Service.RequestTimeout is { } t && c.Session is ITimedSession ? (long)t.TotalMilliseconds : 0;

    /// <summary>Starts the connection's timer, counted from <paramref name="from"/> (its last activity), at the nearer of its two deadlines.</summary>
    public void Start(Connection c, long from)
    {
        long idle = IdleMsFor(c), request = RequestMsFor(c);
        long span = idle > 0 && request > 0 ? Math.Min(idle, request) : Math.Max(idle, request);
        if (span > 0) _queue.Add(c.IdleTimer, from + span + 1);
    }

    // The millisecond clock truncates: a stamp of t means some time in [t, t+1), so a full
    // timeout is only certain to have passed at t + IdleMs + 1. Never early beats exact.
    private static long DueAfter(long stampMs, long idleMs) => stampMs + idleMs + 1;

    public void Stop(Connection c) => _queue.Cancel(c.IdleTimer);

    /// <summary>Milliseconds epoll_wait may sleep before a timer needs the loop (-1: no timer).</summary>
    public int WaitTimeoutMs(long now)
    {
        if (_queue.Count == 0) return -1;
        if (_queue.Kind == TimerKind.List && AlarmDriven) return -1;
        long due = _queue.Kind == TimerKind.List ? _nextListTick : _queue.NextDeadline;
        return (int)Math.Clamp(due - now, 0, int.MaxValue);
    }

    /// <summary>Fires due timers: the connection is idle (close it), its request is late (answer and close it), or neither yet (re-arm for the rest).</summary>
    public void Expire(long now)
    {
        if (_queue.Kind == TimerKind.List)
        {
            if (AlarmDriven || now < _nextListTick) return;
            _nextListTick = now + ListTickMs;
        }
        Fire(now);
    }

    /// <summary>SIGALRM arrived (on the loop thread): the list's periodic tick.</summary>
    public void AlarmTick(long now)
    {
        if (_queue.Kind != TimerKind.List) return;
        Fire(now);
    }

    private void Fire(long now)
    {
        if (_queue.Count == 0 || _queue.NextDeadline > now) return;
        _fired.Clear();
        _queue.Expire(now, _fired);
        foreach (var node in _fired)
        {
            var c = (Connection)node.Owner!;
            if (c.Closed) continue;
            long request = RequestMsFor(c), idle = IdleMsFor(c);
            long started = request > 0 ? ((ITimedSession)c.Session).RequestStartedMs : 0;
            // A worker or handler may hold the connection right now: it is not idle, whatever the stamp says.
            if (started > 0)
            {
                // A request in progress: its own deadline counts from its start, however the bytes trickle in (slowloris).
                long due = started + request + 1;
                if (due <= now && !c.Busy) onRequestTimeout(c);
                else _queue.Add(node, Math.Max(due, now + 1));
            }
            else if (idle > 0)
            {
                long idleUntil = DueAfter(Volatile.Read(ref c.LastActivityMs), idle);
                if (idleUntil <= now && !c.Busy) onIdle(c);
                else _queue.Add(node, Math.Max(request > 0 ? Math.Min(idleUntil, now + request) : idleUntil, now + 1));
            }
            else if (request > 0) _queue.Add(node, now + request); // no keepalive: look again for a request to time
        }
    }

    /// <summary>Moves every pending timer into a new structure with its deadline unchanged; returns how many moved.</summary>
    public int SwitchTo(TimerKind kind, long now)
    {
        var nodes = new List<TimerNode>(_queue.Count);
        _queue.DrainTo(nodes);
        _queue = TimerQueues.Create(kind, now, nodes.Count);
        foreach (var n in nodes) _queue.Add(n, n.Deadline);
        _nextListTick = now + ListTickMs;
        return nodes.Count;
    }

    /// <summary>
    /// A new engine timeout applies to every open connection that uses it, from its last activity; 0 cancels
    /// their timers. Connections whose service has its own timeouts keep them.
    /// </summary>
    public void ChangeTimeout(long idleMs, IEnumerable<Connection> open)
    {
        if (idleMs == IdleMs) return;
        IdleMs = idleMs;
        foreach (var c in open)
        {
            if (c.Service.IdleTimeout is not null || RequestMsFor(c) > 0) continue;
            if (idleMs == 0) _queue.Cancel(c.IdleTimer);
            else _queue.Adjust(c.IdleTimer, DueAfter(Volatile.Read(ref c.LastActivityMs), idleMs));
        }
    }

    public TimerShape Snapshot(long now, int maxNodes) => _queue.Snapshot(now, maxNodes);
}
