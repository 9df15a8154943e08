namespace AdminServer.Engine.Loop;

/// <summary>
/// Keeps two threads off one connection when EPOLLONESHOT does not. A dispatch that finds
/// the guard held is a collision: it asks the holder to run once more (so the readiness it
/// carried is not lost) and leaves. Without ONESHOT these collisions are the race the flag exists for.
/// </summary>
internal struct ConnectionGuard
{
    private int _held;
    private int _rerun;

    /// <summary>True if some thread holds the guard (a full fence first: see <see cref="EventLoop.Want"/>).</summary>
    public bool IsHeld => Volatile.Read(ref _held) == 1;

    /// <summary>True if the caller now holds the guard; false (a collision) if another thread does.</summary>
    public bool TryEnter(out bool collided)
    {
        collided = false;
        if (Interlocked.CompareExchange(ref _held, 1, 0) == 0) return true;
        collided = true;
        Interlocked.Exchange(ref _rerun, 1);
        // The holder may have released between our two steps without seeing the rerun request.
        return Interlocked.CompareExchange(ref _held, 1, 0) == 0;
    }

    /// <summary>Takes the guard if it is free, without asking a holder for anything.</summary>
    public bool TryEnterQuietly() => Interlocked.CompareExchange(ref _held, 1, 0) == 0;

    /// <summary>Call before each run while holding: clears the rerun request it is about to serve.</summary>
    public void BeginRun() => Interlocked.Exchange(ref _rerun, 0);

    /// <summary>Releases; returns true if the caller must run again (it re-acquired because a collision asked).</summary>
    public bool ExitAndCheckRerun()
    {
        Interlocked.Exchange(ref _held, 0);
        if (Volatile.Read(ref _rerun) == 0) return false;
        return Interlocked.CompareExchange(ref _held, 1, 0) == 0;
    }
}
