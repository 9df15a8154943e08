using AdminServer.Engine.Demux;

namespace AdminServer.Engine.Loop;

/// <summary>
/// Runtime switches of the demultiplexer: between two waits the loop builds the new backend and
/// registers every fd it watches there with the interest it has now (ONESHOT fds that are disarmed
/// stay disarmed), then drops the old one. Nothing is read meanwhile, and the new backend reports
/// whatever is ready at its first wait, so no readiness is lost.
/// </summary>
internal sealed partial class EventLoop
{
    /// <summary>Loop thread: fds this loop watches that select's FD_SETSIZE cannot hold.</summary>
    public int FdsBeyond(int maxFd)
    {
        int n = 0;
        if (_wakeFd.Fd > maxFd) n++;
        foreach (var a in _acceptors) if (a.Fd > maxFd) n++;
        foreach (var (fd, _) in _watched) if (fd > maxFd) n++;
        foreach (var c in _connections.Values) if (c.Fd > maxFd) n++;
        return n;
    }

    /// <summary>Moves every registration into a new backend of <paramref name="kind"/>; returns how many fds were re-registered.</summary>
    public Task<int> SwitchPollerAsync(PollerKind kind) => InvokeAsync(() =>
    {
        if (_demux.Kind == kind) return 0;
        var next = Demultiplexers.Create(kind);
        int maxFd = next.Capabilities.MaxFd;
        // Connections accepted after the engine checked, that the new backend cannot hold: closed, counted.
        foreach (var c in _connections.Values.ToArray())
        {
            if (c.Fd <= maxFd || c.Closed) continue;
            Context.Counters.RefusedFdSetSize++;
            c.CloseReason ??= $"fd {c.Fd} does not fit {kind}'s FD_SETSIZE";
            if (!c.Busy) Close(c, c.CloseReason);
        }
        ForgetRingPoll();
        var old = _demux;
        int moved = 0;
        next.Add(_wakeFd.Fd, 0, Interest.Readable);
        foreach (var a in _acceptors) { next.Add(a.Fd, a.Token, Interest.Readable); moved++; }
        foreach (var (fd, token) in _watched) { next.Add(fd, token, Interest.Readable); moved++; }
        foreach (var c in _connections.Values)
        {
            if (c.Closed || c.Fd > maxFd || !c.InDemux) continue;
            // A disarmed ONESHOT fd (a holder, or the posted queue, has it) joins without interest; it is re-armed on return.
            var interest = c.Armed || !c.Mode.OneShot ? c.Registered : Interest.OneShot | (c.Registered & Interest.Edge);
            next.Add(c.Fd, c.Token, interest);
            moved++;
        }
        _demux = next;
        old.Dispose();
        Context.Counters.EpollCtls += moved;
        return moved;
    });
}
