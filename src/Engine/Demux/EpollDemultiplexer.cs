using System.Runtime.InteropServices;
using AdminServer.Engine.Native;

namespace AdminServer.Engine.Demux;

/// <summary>
/// epoll: the kernel keeps the interest set and queues fds as they become ready (a callback
/// per wake-up), so a wait costs the ready fds, not the registered ones. The only backend with
/// edge-triggered and one-shot modes, and the only one whose interest may change while a
/// wait is in progress (leader/follower relies on that).
/// </summary>
internal sealed unsafe class EpollDemultiplexer : IDemultiplexer
{
    private readonly int _epfd;
    private EpollEvent[] _events = new EpollEvent[256];
    private int _count;

    public EpollDemultiplexer()
    {
        _epfd = LibC.EpollCreate1(Consts.EPOLL_CLOEXEC);
        if (_epfd < 0) throw ErrnoException.Last("epoll_create1");
    }

    public PollerKind Kind => PollerKind.Epoll;

    /// <summary>The epoll instance's own fd: readable when any registered fd is ready (so a ring can poll it).</summary>
    public int Fd => _epfd;

    public DemuxCapabilities Capabilities => new(Level: true, Edge: true, OneShot: true, MaxFd: int.MaxValue, ConcurrentModify: true);

    public int Count => Volatile.Read(ref _count);

    public void Add(int fd, ulong token, Interest interest)
    {
        Ctl(Consts.EPOLL_CTL_ADD, fd, ToEpoll(interest), token);
        Interlocked.Increment(ref _count);
    }

    public void Modify(int fd, ulong token, Interest interest) => Ctl(Consts.EPOLL_CTL_MOD, fd, ToEpoll(interest), token);

    public void Remove(int fd, bool closing)
    {
        // Closing the last reference to a file removes it from every epoll set: no DEL needed.
        // (The engine's sockets are close-on-exec and never dup'ed, so the fd is that last reference.)
        if (!closing) Ctl(Consts.EPOLL_CTL_DEL, fd, 0, 0);
        Interlocked.Decrement(ref _count);
    }

    private void Ctl(int op, int fd, uint events, ulong data)
    {
        var ev = new EpollEvent { Events = events, Data = data };
        if (LibC.EpollCtl(_epfd, op, fd, &ev) < 0) throw ErrnoException.Last($"epoll_ctl({op}, fd {fd})");
    }

    private static uint ToEpoll(Interest interest)
    {
        uint ev = 0;
        // RDHUP with every read interest: a half-close is seen as an event, not only as a 0-byte read.
        if ((interest & Interest.Readable) != 0) ev |= Consts.EPOLLIN | Consts.EPOLLRDHUP;
        if ((interest & Interest.Writable) != 0) ev |= Consts.EPOLLOUT;
        if ((interest & Interest.Edge) != 0) ev |= Consts.EPOLLET;
        if ((interest & Interest.OneShot) != 0) ev |= Consts.EPOLLONESHOT;
        return ev;
    }

    public int Wait(Span<ReadyEvent> ready, int timeoutMs, out int scanned)
    {
        if (_events.Length < ready.Length) _events = new EpollEvent[ready.Length];
        int n;
        fixed (EpollEvent* p = _events) n = LibC.EpollWait(_epfd, p, ready.Length, timeoutMs);
        if (n < 0)
        {
            var errno = (Errno)Marshal.GetLastPInvokeError();
            scanned = 0;
            if (errno == Errno.EINTR) return 0; // a signal is not an error
            throw new ErrnoException("epoll_wait", errno);
        }
        for (int i = 0; i < n; i++) ready[i] = new ReadyEvent(_events[i].Data, FromEpoll(_events[i].Events));
        scanned = n;
        return n;
    }

    private static Readiness FromEpoll(uint ev)
    {
        var r = Readiness.None;
        if ((ev & Consts.EPOLLIN) != 0) r |= Readiness.Readable;
        if ((ev & Consts.EPOLLOUT) != 0) r |= Readiness.Writable;
        if ((ev & (Consts.EPOLLRDHUP | Consts.EPOLLHUP)) != 0) r |= Readiness.Hangup;
        if ((ev & Consts.EPOLLERR) != 0) r |= Readiness.Error;
        return r;
    }

    public void Dispose() => LibC.Close(_epfd);
}
