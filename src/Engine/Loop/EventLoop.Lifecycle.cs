namespace AdminServer.Engine.Loop;

/// <summary>Graceful drain and stop.</summary>
internal sealed partial class EventLoop
{
    /// <summary>
    /// Graceful stop: stop accepting now; close each connection once it is quiet (nothing queued,
    /// unsent or in a worker, and no traffic for <see cref="DrainIdleMs"/>), and whatever is left when
    /// the grace period ends. Completes when no connection is left.
    /// </summary>
    public Task DrainAsync(TimeSpan grace)
    {
        Post(LoopCommand.Run(() =>
        {
            foreach (var a in _acceptors) CloseAcceptor(a);
            _acceptors.Clear();
            _drainDeadlineMs = MonotonicClock.NowMs + (long)grace.TotalMilliseconds;
        }));
        return _drained.Task;
    }

    public const int DrainIdleMs = 200;

    private void DrainStep()
    {
        long now = MonotonicClock.NowMs;
        bool overdue = now >= _drainDeadlineMs;
        foreach (var c in _connections.Values.ToArray())
        {
            if (c.Busy || c.Posted) continue;
            bool quiet = IsQuiet(c, now);
            if (overdue) RequestClose(c, "server stopping (grace period over)");
            else if (quiet) RequestClose(c, "server stopping");
        }
        if (_connections.Count == 0) _drained.TrySetResult();
    }

    /// <summary>A drain closes a connection once it is quiet: no traffic for <see cref="DrainIdleMs"/> and nothing unanswered or unsent.</summary>
    private bool IsQuiet(Connection c, long now) =>
        now - Volatile.Read(ref c.LastActivityMs) >= DrainIdleMs && ModelFor(c).IsDrained(c) && !c.WantWrite;

    /// <summary>Loop thread, while some listener drains: closes its connections that have gone quiet.</summary>
    private void DrainListenersStep()
    {
        long now = MonotonicClock.NowMs;
        foreach (var c in _connections.Values.ToArray())
        {
            if (!c.Listener.Stats.Draining || c.Busy || c.Posted) continue;
            if (IsQuiet(c, now)) RequestClose(c, $"listener {c.Listener.Name} draining");
        }
    }

    /// <summary>Stops accepting, closes every connection once no worker holds it, then ends the loop thread.</summary>
    public Task StopAsync()
    {
        Post(LoopCommand.Run(BeginStop));
        return _stopped.Task;
    }

    private void BeginStop()
    {
        if (_stopping) return;
        _stopping = true;
        foreach (var a in _acceptors) CloseAcceptor(a);
        _acceptors.Clear();
        foreach (var c in _connections.Values.ToArray()) RequestClose(c, "server stopping");
        _drained.TrySetResult();
        _activeSwitch?.Complete();
    }
}
