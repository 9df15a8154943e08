using AdminServer.Engine.Concurrency;

namespace AdminServer.Engine.Loop;

/// <summary>
/// Pattern switches: the loop takes the new pattern, and every connection the new arrangement puts
/// on another loop moves there. Its owner detaches it (nobody holds it, so nothing is mid-read),
/// then the destination attaches it; nothing reads in between, and the destination's registration
/// reports whatever arrived meanwhile, so no byte is lost or reordered.
/// </summary>
internal sealed partial class EventLoop
{
    private ConnectionMove? _activeMove;

    /// <summary>
    /// Puts <paramref name="pattern"/> in force on this loop and moves the connections it no longer
    /// keeps: to loop 0 when the pattern uses one loop, spread round-robin over all loops otherwise.
    /// Completes when every mover is attached at its destination.
    /// </summary>
    public async Task<ConnectionMove> SwitchPatternAsync(IConcurrencyPattern pattern)
    {
        var move = new ConnectionMove();
        await InvokeAsync(() =>
        {
            _pattern = pattern;
            _activeMove = move;
            var loops = Runtime.Loops;
            int next = 0;
            foreach (var c in _connections.Values.ToArray())
            {
                if (c.Closed || c.CloseReason is not null) continue;
                EventLoop destination;
                if (!pattern.UsesEveryLoop) destination = loops[0];
                else if (Index != 0) continue; // already spread: connections on other loops stay
                else destination = loops[next++ % loops.Length];
                if (destination == this) continue;
                move.Add();
                c.PendingMove = destination;
                if (Want(c)) MoveOut(c, destination); // else its holder hands it back, and AfterIo moves it
            }
            return true;
        });
        move.OneDone();
        await move.Done;
        await InvokeAsync(() => { if (_activeMove == move) _activeMove = null; return true; });
        move.Clock.Stop();
        return move;
    }

    /// <summary>Loop thread, nobody holding it: detach from this loop and ask the destination to attach it.</summary>
    private void MoveOut(Connection c, EventLoop destination)
    {
        var move = _activeMove!;
        c.PendingMove = null;
        _timers.Stop(c);
        if (c.InDemux) _demux.Remove(c.Fd, closing: false);
        c.InDemux = false;
        Forget(c);
        c.Registered = Demux.Interest.None;
        c.Armed = false;
        c.Posted = false;
        c.Loop = destination;
        destination.Post(() => destination.Attach(c, move));
    }

    /// <summary>Destination loop thread: the moved connection joins this loop, its idle timer counted from its last activity.</summary>
    private void Attach(Connection c, ConnectionMove move)
    {
        Register(c); // the registration reports readiness that arrived while it was between loops (io_uring: a new RECV)
        _timers.Start(c, Volatile.Read(ref c.LastActivityMs));
        Interlocked.Increment(ref move.Moved);
        move.OneDone();
    }
}
