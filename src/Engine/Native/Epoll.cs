using System.Runtime.InteropServices;

namespace AdminServer.Engine.Native;

/// <summary>An epoll instance: the kernel's readiness demultiplexer, owned by one loop thread.</summary>
internal sealed unsafe class Epoll : IDisposable
{
    private readonly int _epfd;

    public Epoll()
    {
        _epfd = LibC.EpollCreate1(Consts.EPOLL_CLOEXEC);
        if (_epfd < 0) throw ErrnoException.Last("epoll_create1");
    }

    public void Add(int fd, uint events, ulong data) => Ctl(Consts.EPOLL_CTL_ADD, fd, events, data);

    public void Modify(int fd, uint events, ulong data) => Ctl(Consts.EPOLL_CTL_MOD, fd, events, data);

    public void Remove(int fd) => Ctl(Consts.EPOLL_CTL_DEL, fd, 0, 0);

    private void Ctl(int op, int fd, uint events, ulong data)
    {
        var ev = new EpollEvent { Events = events, Data = data };
        if (LibC.EpollCtl(_epfd, op, fd, &ev) < 0) throw ErrnoException.Last($"epoll_ctl({op}, fd {fd})");
    }

    /// <summary>Waits for events; returns their count, 0 on timeout or EINTR (a signal is not an error).</summary>
    public int Wait(Span<EpollEvent> events, int timeoutMs)
    {
        fixed (EpollEvent* p = events)
        {
            int n = LibC.EpollWait(_epfd, p, events.Length, timeoutMs);
            if (n >= 0) return n;
            var errno = (Errno)Marshal.GetLastPInvokeError();
            if (errno == Errno.EINTR) return 0;
            throw new ErrnoException("epoll_wait", errno);
        }
    }

    public void Dispose() => LibC.Close(_epfd);
}
