using System.Runtime.InteropServices;
using AdminServer.Engine.Native;

namespace AdminServer.Engine.Uring;

/// <summary>
/// One io_uring: a submission ring the loop fills with operations and a completion ring the kernel
/// fills with results, both shared memory (mmap). <see cref="Enter"/> submits everything queued since
/// the last call and waits for completions in the same system call: one io_uring_enter per loop turn.
/// Owned by one loop thread; nothing here is thread-safe.
/// </summary>
internal sealed unsafe class UringRing : IDisposable
{
    private const uint SqEntries = 4096;
    private const uint CqEntries = 65536;
    private const uint Setup = UringConsts.IORING_SETUP_CQSIZE | UringConsts.IORING_SETUP_SINGLE_ISSUER | UringConsts.IORING_SETUP_DEFER_TASKRUN;

    private readonly int _fd;
    private readonly byte* _sqRing;
    private readonly nuint _sqRingSize;
    private readonly byte* _cqRing;
    private readonly nuint _cqRingSize;
    private readonly IoUringSqe* _sqes;
    private readonly nuint _sqesSize;
    private readonly uint* _sqHead, _sqTail, _sqArray;
    private readonly uint _sqMask, _sqCount;
    private readonly uint* _cqHead, _cqTail;
    private readonly uint _cqMask;
    private readonly IoUringCqe* _cqes;
    private uint _pending; // SQEs written since the last enter

    public UringRing()
    {
        // One thread submits and reaps (the loop's): the kernel may then run completion work only when that
        // thread enters (DEFER_TASKRUN, Linux 6.1+) instead of interrupting it. Older kernels: without them.
        var p = new IoUringParams { Flags = Setup, CqEntries = CqEntries };
        long fd = LibC.Syscall(LibC.SYS_io_uring_setup, SqEntries, (long)&p, 0, 0, 0, 0);
        if (fd < 0 && (Errno)Marshal.GetLastPInvokeError() == Errno.EINVAL)
        {
            p = new IoUringParams { Flags = UringConsts.IORING_SETUP_CQSIZE, CqEntries = CqEntries };
            fd = LibC.Syscall(LibC.SYS_io_uring_setup, SqEntries, (long)&p, 0, 0, 0, 0);
        }
        if (fd < 0) throw ErrnoException.Last("io_uring_setup");
        _fd = (int)fd;
        try
        {
            if ((p.Features & UringConsts.IORING_FEAT_EXT_ARG) == 0) throw new ErrnoException("io_uring without IORING_FEAT_EXT_ARG (Linux 5.11+)", Errno.EINVAL);
            _sqRingSize = p.SqOff.Array + p.SqEntries * sizeof(uint);
            _cqRingSize = p.CqOff.Cqes + p.CqEntries * (uint)sizeof(IoUringCqe);
            bool single = (p.Features & UringConsts.IORING_FEAT_SINGLE_MMAP) != 0;
            if (single) _sqRingSize = _cqRingSize = Math.Max(_sqRingSize, _cqRingSize);
            _sqRing = Map(_sqRingSize, UringConsts.IORING_OFF_SQ_RING);
            _cqRing = single ? _sqRing : Map(_cqRingSize, UringConsts.IORING_OFF_CQ_RING);
            _sqesSize = p.SqEntries * (uint)sizeof(IoUringSqe);
            _sqes = (IoUringSqe*)Map(_sqesSize, UringConsts.IORING_OFF_SQES);

            _sqHead = (uint*)(_sqRing + p.SqOff.Head);
            _sqTail = (uint*)(_sqRing + p.SqOff.Tail);
            _sqArray = (uint*)(_sqRing + p.SqOff.Array);
            _sqMask = *(uint*)(_sqRing + p.SqOff.RingMask);
            _sqCount = p.SqEntries;
            _cqHead = (uint*)(_cqRing + p.CqOff.Head);
            _cqTail = (uint*)(_cqRing + p.CqOff.Tail);
            _cqMask = *(uint*)(_cqRing + p.CqOff.RingMask);
            _cqes = (IoUringCqe*)(_cqRing + p.CqOff.Cqes);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private byte* Map(nuint size, long offset)
    {
        void* m = LibC.Mmap(null, size, UringConsts.PROT_READ | UringConsts.PROT_WRITE, UringConsts.MAP_SHARED | UringConsts.MAP_POPULATE, _fd, offset);
        if (m == (void*)-1) throw ErrnoException.Last("mmap io_uring");
        return (byte*)m;
    }

    /// <summary>SQEs queued and not yet submitted.</summary>
    public uint Pending => _pending;

    /// <summary>
    /// A free submission slot for the caller to fill (cleared). When the ring is full, what is queued is
    /// submitted first (an extra io_uring_enter, counted by the caller through <paramref name="flushed"/>).
    /// </summary>
    public IoUringSqe* Next(out bool flushed)
    {
        flushed = false;
        uint tail = *_sqTail;
        if (tail - Volatile.Read(ref *_sqHead) >= _sqCount)
        {
            Enter(0, -1);
            flushed = true;
            tail = *_sqTail;
        }
        uint index = tail & _sqMask;
        var sqe = &_sqes[index];
        *sqe = default;
        _sqArray[index] = index;
        Volatile.Write(ref *_sqTail, tail + 1); // the kernel reads the tail only at enter: publishing now is cheap
        _pending++;
        return sqe;
    }

    /// <summary>
    /// Submits what is queued and, when <paramref name="minComplete"/> is 1, waits for a completion for at most
    /// <paramref name="timeoutMs"/> (-1: forever). Returns false on timeout or EINTR.
    /// </summary>
    public bool Enter(uint minComplete, int timeoutMs)
    {
        uint toSubmit = _pending;
        uint flags = minComplete > 0 ? UringConsts.IORING_ENTER_GETEVENTS : 0;
        var ts = new KernelTimespec { Seconds = timeoutMs / 1000, Nanoseconds = timeoutMs % 1000 * 1_000_000L };
        var arg = new IoUringGeteventsArg { Ts = timeoutMs >= 0 ? (ulong)&ts : 0 };
        flags |= UringConsts.IORING_ENTER_EXT_ARG;
        while (true)
        {
            long r = LibC.Syscall(LibC.SYS_io_uring_enter, _fd, toSubmit, minComplete, flags, (long)&arg, sizeof(IoUringGeteventsArg));
            if (r >= 0)
            {
                _pending -= Math.Min(_pending, (uint)r);
                return true;
            }
            var errno = (Errno)Marshal.GetLastPInvokeError();
            if (errno is Errno.EINTR) return false;
            if (errno == Errno.ETIME) { _pending = 0; return false; } // the SQEs were consumed before the wait timed out
            if (errno is Errno.EAGAIN or Errno.EBUSY /* completions backlogged */) { flags &= ~UringConsts.IORING_ENTER_GETEVENTS; minComplete = 0; continue; }
            throw new ErrnoException("io_uring_enter", errno);
        }
    }

    /// <summary>Takes every completion the kernel has posted, in order, then releases their slots.</summary>
    public int Harvest(Span<IoUringCqe> into)
    {
        uint head = *_cqHead;
        uint tail = Volatile.Read(ref *_cqTail);
        int n = 0;
        while (head != tail && n < into.Length)
        {
            into[n++] = _cqes[head & _cqMask];
            head++;
        }
        Volatile.Write(ref *_cqHead, head);
        return n;
    }

    public void Dispose()
    {
        if (_sqes != null) LibC.Munmap(_sqes, _sqesSize);
        if (_cqRing != null && _cqRing != _sqRing) LibC.Munmap(_cqRing, _cqRingSize);
        if (_sqRing != null) LibC.Munmap(_sqRing, _sqRingSize);
        if (_fd > 0) LibC.Close(_fd);
    }
}
