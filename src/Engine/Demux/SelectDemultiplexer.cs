using System.Runtime.InteropServices;
using AdminServer.Engine.Native;

namespace AdminServer.Engine.Demux;

/// <summary>
/// select(2): two fixed bitmaps of FD_SETSIZE (1024) bits, rebuilt for every call because the
/// kernel overwrites them with the answer, then scanned bit by bit. An fd of 1024 or more cannot be
/// watched at all (FD_SET past the bitmap is memory corruption), so the loop refuses such fds.
/// Level-triggered only; ONESHOT emulated by clearing the fd's interest after it is reported.
/// </summary>
internal sealed unsafe class SelectDemultiplexer : IDemultiplexer
{
    private const int Words = Consts.FD_SETSIZE / 64;
    private readonly ulong[] _token = new ulong[Consts.FD_SETSIZE];
    private readonly Interest[] _interest = new Interest[Consts.FD_SETSIZE];
    private readonly bool[] _registered = new bool[Consts.FD_SETSIZE];
    private readonly ulong[] _read = new ulong[Words];
    private readonly ulong[] _write = new ulong[Words];
    private int _count;
    private int _maxFd = -1;

    public PollerKind Kind => PollerKind.Select;

    public DemuxCapabilities Capabilities => new(Level: true, Edge: false, OneShot: true, MaxFd: Consts.FD_SETSIZE - 1, ConcurrentModify: false);

    public int Count => _count;

    public void Add(int fd, ulong token, Interest interest)
    {
        Check(fd);
        if (_registered[fd]) throw new ErrnoException($"select add fd {fd}", Errno.EEXIST);
        _registered[fd] = true;
        _count++;
        _maxFd = Math.Max(_maxFd, fd);
        Set(fd, token, interest);
    }

    public void Modify(int fd, ulong token, Interest interest)
    {
        Check(fd);
        if (!_registered[fd]) throw new ErrnoException($"select modify fd {fd}", Errno.ENOENT);
        Set(fd, token, interest);
    }

    private static void Check(int fd)
    {
        if ((uint)fd >= Consts.FD_SETSIZE) throw new ErrnoException($"select cannot watch fd {fd} (FD_SETSIZE is {Consts.FD_SETSIZE})", Errno.EINVAL);
    }

    private void Set(int fd, ulong token, Interest interest)
    {
        if ((interest & Interest.Edge) != 0) throw new ArgumentException("select is level-triggered only", nameof(interest));
        _token[fd] = token;
        _interest[fd] = interest;
    }

    public void Remove(int fd, bool closing)
    {
        if ((uint)fd >= Consts.FD_SETSIZE || !_registered[fd]) return;
        _registered[fd] = false;
        _interest[fd] = Interest.None;
        _count--;
        if (fd == _maxFd) while (_maxFd >= 0 && !_registered[_maxFd]) _maxFd--;
    }

    public int Wait(Span<ReadyEvent> ready, int timeoutMs, out int scanned)
    {
        // The kernel overwrites the sets with its answer: rebuild them from the interest table each call.
        Array.Clear(_read);
        Array.Clear(_write);
        for (int fd = 0; fd <= _maxFd; fd++)
        {
            var i = _interest[fd];
            if ((i & Interest.Readable) != 0) _read[fd >> 6] |= 1UL << (fd & 63);
            if ((i & Interest.Writable) != 0) _write[fd >> 6] |= 1UL << (fd & 63);
        }
        var tv = new TimeVal { Seconds = timeoutMs / 1000, Microseconds = timeoutMs % 1000 * 1000 };
        int n;
        fixed (ulong* r = _read, w = _write) n = LibC.Select(_maxFd + 1, r, w, null, timeoutMs < 0 ? null : &tv);
        scanned = _count;
        if (n < 0)
        {
            var errno = (Errno)Marshal.GetLastPInvokeError();
            if (errno == Errno.EINTR) return 0;
            throw new ErrnoException("select", errno);
        }
        int found = 0;
        for (int fd = 0; fd <= _maxFd && found < n && found < ready.Length; fd++)
        {
            ulong bit = 1UL << (fd & 63);
            var rd = (_read[fd >> 6] & bit) != 0 ? Readiness.Readable : Readiness.None;
            var wr = (_write[fd >> 6] & bit) != 0 ? Readiness.Writable : Readiness.None;
            if ((rd | wr) == Readiness.None) continue;
            ready[found++] = new ReadyEvent(_token[fd], rd | wr);
            if ((_interest[fd] & Interest.OneShot) != 0) _interest[fd] = Interest.OneShot; // silent until modified again
        }
        return found;
    }

    public void Dispose()
    {
    }
}
