namespace AdminServer.Engine.Native;

/// <summary>
/// A non-blocking eventfd used to wake a loop sleeping in epoll_wait. Writes add
/// to a counter, so many wake-ups before the loop reads collapse into one event.
/// </summary>
internal sealed unsafe class EventFd : IDisposable
{
    public EventFd()
    {
        Fd = LibC.EventFd(0, Consts.EFD_NONBLOCK | Consts.EFD_CLOEXEC);
        if (Fd < 0) throw ErrnoException.Last("eventfd");
    }

    public int Fd { get; }

    public void Signal()
    {
        ulong one = 1;
        LibC.Write(Fd, &one, sizeof(ulong)); // EAGAIN only when the counter is saturated: the loop is awake anyway
    }

    public void Drain()
    {
        ulong value;
        LibC.Read(Fd, &value, sizeof(ulong));
    }

    public void Dispose() => LibC.Close(Fd);
}
