using AdminServer.Engine.Config;
using AdminServer.Engine.Native;
using AdminServer.Engine.Timers;

namespace AdminServer.Engine.Loop;

/// <summary>The loop's idle timers: options that change them, runtime switches of the structure, the SIGALRM tick.</summary>
internal sealed partial class EventLoop
{
    /// <summary>
    /// Replaces the tunables read on every wakeup (read budget, pending limits); runs on the loop. A connection
    /// paused at the old limit is re-evaluated now: it may read again under a higher one (no EPOLLOUT would tell it).
    /// </summary>
    public Task UpdateOptionsAsync(EngineOptions options) => InvokeAsync(() =>
    {
        Options = options;
        _timers.ChangeTimeout(options.IdleTimeoutSeconds * 1000L, _connections.Values);
        foreach (var c in _connections.Values)
        {
            if (c.Busy || c.Closed || c.CloseReason is not null) continue;
            if (c.Mode.Model == EventModel.Reactor)
                c.ReadPaused = c.EofSeen || c.CloseAfterFlush || Runtime.Pending.MustPause(c.Outbox.MemoryLength, options.MaxPendingBytes);
            UpdateInterest(c);
        }
        return true;
    });

    /// <summary>Moves every pending timer into a structure of another kind, deadlines unchanged.</summary>
    public Task<TimerSwitchResult> SwitchTimersAsync(TimerKind kind) => InvokeAsync(() =>
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int moved = _timers.Kind == kind ? 0 : _timers.SwitchTo(kind, MonotonicClock.NowMs);
        RearmAlarm();
        return new TimerSwitchResult(kind, moved, clock.Elapsed.TotalMilliseconds);
    });

    /// <summary>From now on SIGALRM ticks the sorted list (alarm(1) re-armed at each tick while the list is in use).</summary>
    public Task UseAlarmTicksAsync() => InvokeAsync(() =>
    {
        _timers.AlarmDriven = true;
        RearmAlarm();
        return true;
    });

    /// <summary>Loop thread (the signal source's handler): SIGALRM arrived.</summary>
    public void OnAlarm()
    {
        _timers.AlarmTick(MonotonicClock.NowMs);
        RearmAlarm();
    }

    private void RearmAlarm()
    {
        if (_timers.AlarmDriven) LibC.Alarm(_timers.Kind == TimerKind.List ? 1u : 0u);
    }

    public TimerKind TimerKind => _timers.Kind;

    /// <summary>Loop thread: pending idle timers.</summary>
    public int TimerCount => _timers.Count;

    public Task<TimerShape> SnapshotTimersAsync(int maxNodes) => InvokeAsync(() => _timers.Snapshot(MonotonicClock.NowMs, maxNodes));
}
