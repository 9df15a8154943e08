namespace AdminServer.Engine.Loop;

/// <summary>
/// Engine:MaxConnections: open connections across every loop. Reserved at accept (before the
/// connection is handed to its loop), released at close; beyond the limit a new connection is
/// accepted and closed at once, so the fd table keeps headroom for the runtime and the admin side.
/// </summary>
internal sealed class ConnectionLimit(int max)
{
    private int _open;
    private int _max = max;

    public int Open => Volatile.Read(ref _open);

    public int Max
    {
        get => Volatile.Read(ref _max);
        set => Volatile.Write(ref _max, value);
    }

    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _open) <= Volatile.Read(ref _max)) return true;
        Interlocked.Decrement(ref _open);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _open);
}
