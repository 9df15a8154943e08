using System.Runtime.InteropServices;
using AdminServer.Engine.Native;

namespace AdminServer.Engine.Demux;

/// <summary>
/// poll(2): the interest set is an array in user space, copied into the kernel and scanned whole
/// on every call, so a wait costs every registered fd however few are ready. Level-triggered only.
/// ONESHOT is emulated: a reported fd's entry is switched off (a negative fd, which poll skips)
/// until the loop modifies it again. Only the thread that waits may change the set.
/// </summary>
internal sealed unsafe class PollDemultiplexer : IDemultiplexer
{
    private PollFd[] _fds = new PollFd[64];
    private ulong[] _tokens = new ulong[64];
    private bool[] _oneShot = new bool[64];
    private readonly Dictionary<int, int> _index = [];
    private int _count;

    public PollerKind Kind => PollerKind.Poll;

    public DemuxCapabilities Capabilities => new(Level: true, Edge: false, OneShot: true, MaxFd: int.MaxValue, ConcurrentModify: false);

    public int Count => _count;

    public void Add(int fd, ulong token, Interest interest)
    {
        if (_index.ContainsKey(fd)) throw new ErrnoException($"poll add fd {fd}", Errno.EEXIST);
        if (_count == _fds.Length)
        {
            Array.Resize(ref _fds, _count * 2);
            Array.Resize(ref _tokens, _count * 2);
            Array.Resize(ref _oneShot, _count * 2);
        }
        _index[fd] = _count;
        Set(_count, fd, token, interest);
        _count++;
    }

    public void Modify(int fd, ulong token, Interest interest)
    {
        if (!_index.TryGetValue(fd, out int i)) throw new ErrnoException($"poll modify fd {fd}", Errno.ENOENT);
        Set(i, fd, token, interest);
    }

    private void Set(int i, int fd, ulong token, Interest interest)
    {
        if ((interest & Interest.Edge) != 0) throw new ArgumentException("poll is level-triggered only", nameof(interest));
        short events = 0;
        if ((interest & Interest.Readable) != 0) events |= Consts.POLLIN | Consts.POLLRDHUP;
        if ((interest & Interest.Writable) != 0) events |= Consts.POLLOUT;
        _fds[i] = new PollFd { Fd = fd, Events = events };
        _tokens[i] = token;
        _oneShot[i] = (interest & Interest.OneShot) != 0;
    }

    public void Remove(int fd, bool closing)
    {
        if (!_index.Remove(fd, out int i)) return;
        int last = --_count;
        if (i != last)
        {
            // Keep the array dense: the last entry takes the removed one's place.
            _fds[i] = _fds[last];
            _tokens[i] = _tokens[last];
            _oneShot[i] = _oneShot[last];
            _index[RealFd(_fds[i].Fd)] = i;
        }
        _fds[last] = default;
    }

    // A disarmed ONESHOT entry holds ~fd (negative, so poll skips it).
    private static int RealFd(int stored) => stored < 0 ? ~stored : stored;

    public int Wait(Span<ReadyEvent> ready, int timeoutMs, out int scanned)
    {
        int n;
        fixed (PollFd* p = _fds) n = LibC.Poll(p, (nuint)_count, timeoutMs);
        scanned = _count; // the kernel walked every entry, and so do we below
        if (n < 0)
        {
            var errno = (Errno)Marshal.GetLastPInvokeError();
            if (errno == Errno.EINTR) return 0;
            throw new ErrnoException("poll", errno);
        }
        int found = 0;
        for (int i = 0; i < _count && found < n && found < ready.Length; i++)
        {
            short re = _fds[i].Revents;
            if (re == 0) continue;
            _fds[i].Revents = 0;
            var r = Readiness.None;
            if ((re & Consts.POLLIN) != 0) r |= Readiness.Readable;
            if ((re & Consts.POLLOUT) != 0) r |= Readiness.Writable;
            if ((re & (Consts.POLLHUP | Consts.POLLRDHUP)) != 0) r |= Readiness.Hangup;
            if ((re & (Consts.POLLERR | Consts.POLLNVAL)) != 0) r |= Readiness.Error;
            ready[found++] = new ReadyEvent(_tokens[i], r);
            if (_oneShot[i]) _fds[i].Fd = ~_fds[i].Fd; // silent until modified again
        }
        return found;
    }

    public void Dispose()
    {
    }
}
