using System.Diagnostics;
using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Io;
using AdminServer.Engine.Models;
using AdminServer.Engine.Native;
using AdminServer.Engine.Uring;

namespace AdminServer.Engine.Loop;

/// <summary>
/// The true proactor: connections in the IoUring model do their I/O as operations on the loop's ring. The
/// loop then waits in io_uring_enter instead of epoll_wait (one call that submits what the last turn queued
/// and waits for completions), and keeps its demultiplexer (listeners, wake-ups, signals, the other
/// connections) as one multishot POLL on the epoll fd in the same ring. An fd with an operation in flight is
/// never closed, moved or switched: the loop cancels its operations and acts once every completion is back.
/// </summary>
internal sealed partial class EventLoop
{
    private const ulong OpShift = 62;
    private const ulong TokenMask = (1UL << 62) - 1;
    private static readonly ulong PollTag = (ulong)UringOp.Poll << (int)OpShift | TokenMask; // no connection has this token

    private readonly IEventModel _uring = new UringModel();
    private readonly IoUringCqe[] _cqes = new IoUringCqe[1024];
    private UringRing? _ring;
    private bool _epollPolled;  // the multishot POLL on the epoll fd is armed in the ring
    private bool _epollAgain;   // the last look at the demultiplexer found events: look again before sleeping

    /// <summary>
    /// The loop waits on its ring once it has one, on epoll, and on its own thread: the ring accepts a single
    /// issuer, and leader/follower (which never has io_uring connections) lends loop 0's turns to other threads.
    /// </summary>
    private bool RingMode => _ring is not null && _demux is EpollDemultiplexer && !_followersActive;

    private UringRing Ring => _ring ??= new UringRing();

    /// <summary>Ring mode's wait: submit, wait for completions (or the timeout), take them. Returns how many were taken.</summary>
    private unsafe int WaitOnRing(int timeoutMs)
    {
        var ring = _ring!;
        var k = Context.Counters;
        if (!_epollPolled)
        {
            var sqe = Next(k);
            sqe->Opcode = UringConsts.IORING_OP_POLL_ADD;
            sqe->Fd = ((EpollDemultiplexer)_demux).Fd;
            sqe->OpFlags = (uint)Consts.POLLIN;
            sqe->Len = UringConsts.IORING_POLL_ADD_MULTI;
            sqe->UserData = PollTag;
            _epollPolled = true;
        }
        int wait = _epollAgain ? 0 : timeoutMs;
        ring.Enter(wait == 0 ? 0u : 1u, wait);
        k.UringEnters++;
        return ring.Harvest(_cqes);
    }

    private unsafe IoUringSqe* Next(Metrics.IoCounters k)
    {
        var sqe = Ring.Next(out bool flushed);
        if (flushed) { k.UringEnters++; k.SystemCalls++; }
        k.UringSubmits++;
        return sqe;
    }

    /// <summary>Loop thread, after the wait: handles the completions taken; returns true if the demultiplexer has events to look at.</summary>
    private bool OnCompletions(int count)
    {
        var k = Context.Counters;
        bool look = _epollAgain;
        while (count > 0)
        {
            k.UringCompletions += count;
            for (int i = 0; i < count; i++)
            {
                ref readonly var cqe = ref _cqes[i];
                if (cqe.UserData == PollTag)
                {
                    look = true;
                    if ((cqe.Flags & UringConsts.IORING_CQE_F_MORE) == 0) _epollPolled = false; // multishot ended: arm it again
                    continue;
                }
                if (_channels.Find(cqe.UserData & TokenMask) is not Connection c || c.Uring is not { } u) { k.StaleEvents++; continue; }
                switch ((UringOp)(cqe.UserData >> (int)OpShift))
                {
                    case UringOp.Recv: u.RecvInFlight = false; OnRecvCompleted(c, cqe.Res); break;
                    case UringOp.Send: u.SendInFlight = false; OnSendCompleted(c, cqe.Res); break;
                    case UringOp.Cancel: u.CancelsInFlight--; break;
                }
                if (u.Cancelling && u.InFlight == 0) u.Cancelling = false;
                if (!c.Closed) AfterIo(c);
            }
            count = count == _cqes.Length ? _ring!.Harvest(_cqes) : 0;
        }
        return look;
    }

    private unsafe void OnRecvCompleted(Connection c, int res)
    {
        var ctx = Context;
        if (res > 0)
        {
            ctx.Counters.Reads++;
            SocketIo.Received(c, res, ctx);
            c.ReadyTicks = _turnTicks;
            var data = new ReadOnlySpan<byte>(c.Uring!.RecvBuffer, res);
            if (_pattern.Kind == ConcurrencyKind.HalfSyncHalfAsync)
            {
                // The book's aio flow: the kernel read it, a worker gets the completed data. One worker at a time: data
                // that completes meanwhile waits in the inbox for the next dispatch (no second worker, no collision).
                lock (c.Sync) c.Inbox.Append(data);
                if (c.Outstanding == 0) Dispatch(c);
            }
            else ServeCompleted(c, data, ctx);
            return;
        }
        if (res == 0) { c.EofSeen = true; return; }
        if (res is -(int)Errno.ECANCELED or -(int)Errno.EAGAIN or -(int)Errno.EINTR or -(int)Errno.ENOBUFS) return;
        RequestClose(c, SocketIo.ErrnoName(res));
    }

    /// <summary>One loop per core: the completed read is served on the loop, its reply queued for the next SEND.</summary>
    private void ServeCompleted(Connection c, ReadOnlySpan<byte> data, IoContext ctx)
    {
        if (!c.Guard.TryEnter(out _)) { ctx.Counters.Collisions++; return; }
        try
        {
            var output = ctx.Output;
            output.Reset(Now);
            if (SessionFeed.Feed(c, data, output) is { } error) { c.WorkerCloseReason ??= error; c.CloseReason ??= error; }
            else output.MoveTo(c.Outbox);
        }
        catch (Exception ex)
        {
            c.CloseReason ??= $"service error: {ex.GetType().Name}";
        }
        finally
        {
            c.Guard.ExitAndCheckRerun();
        }
        ctx.Counters.InlineRuns++;
        c.Listener.Stats.Latency.Record(ctx.Slot, Stopwatch.GetTimestamp() - c.ReadyTicks);
    }

    private void OnSendCompleted(Connection c, int res)
    {
        var ctx = Context;
        if (res > 0)
        {
            ctx.Counters.Writes++;
            SocketIo.Sent(c, res, ctx);
            if (c.Outbox.HeadFile is not null) c.Outbox.FileSent(res);
            else c.Outbox.ConsumeBytes(res);
            return;
        }
        if (res is -(int)Errno.ECANCELED or -(int)Errno.EAGAIN or -(int)Errno.EINTR) return;
        RequestClose(c, SocketIo.ErrnoName(res));
    }

    /// <summary>Loop thread: submits what the connection needs next: a SEND of the head of its output, a RECV unless it must stop reading.</summary>
    private unsafe void PumpUring(Connection c)
    {
        var u = c.Uring!;
        if (u.Cancelling || c.Closed) return;
        if (c.CloseReason is not null || c.PendingMode is not null || c.PendingMove is not null) { CancelUring(c); return; }
        var k = Context.Counters;
        if (!u.SendInFlight && !c.Outbox.IsEmpty && SubmitSend(c, u, k) is { } error) { RequestClose(c, error); return; }
        if (!u.RecvInFlight && !_uring.IsReadPaused(this, c))
        {
            var sqe = Next(k);
            sqe->Opcode = UringConsts.IORING_OP_RECV;
            sqe->Fd = c.Fd;
            sqe->Addr = (ulong)u.RecvBuffer;
            sqe->Len = UringConnection.RecvSize;
            sqe->UserData = c.Token | (ulong)UringOp.Recv << (int)OpShift;
            u.RecvInFlight = true;
        }
        Runtime.Pending.Update(c, c.PendingTotal());
    }

    /// <summary>Copies the head of the output (bytes, or a chunk of a queued file read with pread) into the send buffer and submits it.</summary>
    private unsafe string? SubmitSend(Connection c, UringConnection u, Metrics.IoCounters k)
    {
        int length;
        if (c.Outbox.HeadFile is { } file)
        {
            nint n = LibC.PRead(file.Fd, u.SendBuffer, (nuint)Math.Min(UringConnection.SendSize, file.Remaining), file.Offset);
            if (n <= 0) return "file read failed";
            length = (int)n;
        }
        else
        {
            var head = c.Outbox.PeekBytes();
            length = Math.Min(head.Length, UringConnection.SendSize);
            head[..length].CopyTo(new Span<byte>(u.SendBuffer, length));
        }
        var sqe = Next(k);
        sqe->Opcode = UringConsts.IORING_OP_SEND;
        sqe->Fd = c.Fd;
        sqe->Addr = (ulong)u.SendBuffer;
        sqe->Len = (uint)length;
        sqe->OpFlags = Consts.MSG_NOSIGNAL;
        sqe->UserData = c.Token | (ulong)UringOp.Send << (int)OpShift;
        u.SendInFlight = true;
        return null;
    }

    /// <summary>Asks the kernel to cancel the connection's operations; the loop acts on it once every completion is back.</summary>
    private unsafe void CancelUring(Connection c)
    {
        var u = c.Uring!;
        if (u.Cancelling || u.InFlight == 0) return;
        u.Cancelling = true;
        var k = Context.Counters;
        foreach (var (op, inFlight) in new[] { (UringOp.Recv, u.RecvInFlight), (UringOp.Send, u.SendInFlight) })
        {
            if (!inFlight) continue;
            var sqe = Next(k);
            sqe->Opcode = UringConsts.IORING_OP_ASYNC_CANCEL;
            sqe->Addr = c.Token | (ulong)op << (int)OpShift;
            sqe->UserData = c.Token | (ulong)UringOp.Cancel << (int)OpShift;
            u.CancelsInFlight++;
            k.UringCancels++;
        }
    }

    /// <summary>Loop thread: the connection starts doing its I/O on the ring (adopted, attached, or switched to IoUring).</summary>
    private void AttachToRing(Connection c)
    {
        if (c.InDemux) { _demux.Remove(c.Fd, closing: false); c.InDemux = false; Context.Counters.EpollCtls++; }
        c.Registered = Interest.None;
        c.Uring ??= new UringConnection();
        PumpUring(c);
    }

    /// <summary>Loop thread, nothing in flight: the connection leaves the ring; its unsent output stays queued for the next model.</summary>
    private void DetachFromRing(Connection c)
    {
        c.Uring?.Dispose();
        c.Uring = null;
    }

    /// <summary>The demultiplexer switch cancels the POLL on the old epoll fd (the ring would otherwise keep that epoll alive).</summary>
    private unsafe void ForgetRingPoll()
    {
        if (_ring is null || !_epollPolled) return;
        var sqe = Next(Context.Counters);
        sqe->Opcode = UringConsts.IORING_OP_ASYNC_CANCEL;
        sqe->Addr = PollTag;
        sqe->UserData = PollTag; // its completion only makes the loop look at the demultiplexer once more
        _epollPolled = false;
    }
}
