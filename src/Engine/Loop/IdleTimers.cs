using AdminServer.Engine.Timers;

namespace AdminServer.Engine.Loop;

/// <summary>
/// Application-level keepalive on one loop: one timer per connection in a switchable structure.
/// Activity only stamps <see cref="Connection.LastActivityMs"/> (no re-linking per read); when a
/// timer fires, the loop re-checks the stamp and either closes the connection or re-arms for the
/// remainder. The list is ticked at a fixed interval (its classic periodic form); wheel and heap
/// set the epoll_wait timeout from their next deadline, so an idle loop sleeps.
/// </summary>
internal sealed class IdleTimers
{
    /// <summary>The sorted list's tick, as alarm(1) would give it.</summary>
    public const long ListTickMs = 1000;

    private readonly List<TimerNode> _fired = [];
    private ITimerQueue _queue;
    private long _nextListTick;

    public IdleTimers(TimerKind kind, long idleMs, long now)
    {
        _queue = TimerQueues.Create(kind, now);
        IdleMs = idleMs;
        _nextListTick = now + ListTickMs;
    }

    public long IdleMs { get; private set; }

    /// <summary>
    /// True when SIGALRM (through the unified signal source) ticks the list, as in the classic
    /// design: the loop then sleeps until the signal wakes it instead of computing a timeout.
    /// </summary>
    public bool AlarmDriven { get; set; }

    public TimerKind Kind => _queue.Kind;
    public int Count => _queue.Count;

    public void Start(Connection c, long now)
    {
        if (IdleMs > 0) _queue.Add(c.IdleTimer, DueAfter(now));
    }

    // The millisecond clock truncates: a stamp of t means some time in [t, t+1), so a full
    // timeout is only certain to have passed at t + IdleMs + 1. Never early beats exact.
    private long DueAfter(long stampMs) => stampMs + IdleMs + 1;

    public void Stop(Connection c) => _queue.Cancel(c.IdleTimer);

    /// <summary>Milliseconds epoll_wait may sleep before a timer needs the loop (-1: no timer).</summary>
    public int WaitTimeoutMs(long now)
    {
        if (_queue.Count == 0) return -1;
        if (_queue.Kind == TimerKind.List && AlarmDriven) return -1;
        long due = _queue.Kind == TimerKind.List ? _nextListTick : _queue.NextDeadline;
        return (int)Math.Clamp(due - now, 0, int.MaxValue);
    }

    /// <summary>Fires due timers: the connection is idle (close it) or was active since (re-arm for the rest).</summary>
    public void Expire(long now, Action<Connection> onIdle)
    {
        if (_queue.Kind == TimerKind.List)
        {
            if (AlarmDriven || now < _nextListTick) return;
            _nextListTick = now + ListTickMs;
        }
        Fire(now, onIdle);
    }

    /// <summary>SIGALRM arrived (on the loop thread): the list's periodic tick.</summary>
    public void AlarmTick(long now, Action<Connection> onIdle)
    {
        if (_queue.Kind != TimerKind.List) return;
        Fire(now, onIdle);
    }

    private void Fire(long now, Action<Connection> onIdle)
    {
        if (_queue.Count == 0 || _queue.NextDeadline > now) return;
        _fired.Clear();
        _queue.Expire(now, _fired);
        foreach (var node in _fired)
        {
            var c = (Connection)node.Owner!;
            if (c.Closed) continue;
            long idleUntil = DueAfter(Volatile.Read(ref c.LastActivityMs));
            // A worker or handler may hold the connection right now: it is not idle, whatever the stamp says.
            if (idleUntil <= now && !c.Busy) onIdle(c);
            else _queue.Add(node, Math.Max(idleUntil, now + 1));
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

    /// <summary>A new timeout applies to every open connection from its last activity; 0 cancels them all.</summary>
    public void ChangeTimeout(long idleMs, IEnumerable<Connection> open)
    {
        if (idleMs == IdleMs) return;
        IdleMs = idleMs;
        foreach (var c in open)
        {
            if (idleMs == 0) _queue.Cancel(c.IdleTimer);
            else _queue.Adjust(c.IdleTimer, DueAfter(Volatile.Read(ref c.LastActivityMs)));
        }
    }

    public TimerShape Snapshot(long now, int maxNodes) => _queue.Snapshot(now, maxNodes);
}
