using AdminServer.Engine.Config;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Workers;

namespace AdminServer.Engine.Models;

/// <summary>
/// Reactor: the loop only demultiplexes; a worker reads, runs the service and writes.
/// ET reads to EAGAIN within the byte budget; LT reads once and lets the kernel remind it.
/// </summary>
internal sealed class ReactorModel : IEventModel
{
    public EventModel Kind => EventModel.Reactor;

    public void OnReady(EventLoop loop, Connection c, uint events) => loop.Dispatch(c);

    public WorkResult Run(Connection c, WorkerContext w)
    {
        var k = w.Counters;
        if (c.WorkerCloseReason is { } closing) return Close(closing);
        if (SocketIo.Flush(c, c.Outbox, k) is { } writeError) return Close(writeError);
        if (!c.Outbox.IsEmpty) return new WorkResult(0, WantWrite: true, false, null);
        if (c.EofSeen) return Close("peer closed");

        bool edge = c.Mode.Trigger == TriggerMode.ET;
        int total = 0;
        while (true)
        {
            int n = SocketIo.Receive(c, w.ReadBuffer, k);
            if (n > 0)
            {
                total += n;
                c.Service.OnData(w.ReadBuffer.AsSpan(0, n), c.Outbox);
                if (SocketIo.Flush(c, c.Outbox, k) is { } err) return Close(err);
                // A full socket stops reading until EPOLLOUT: the peer's pace bounds our memory.
                if (!c.Outbox.IsEmpty) return new WorkResult(0, WantWrite: true, false, null);
                if (!edge) return default;
                if (total >= w.ReadBudgetBytes) return new WorkResult(0, false, MoreToRead: true, null);
                continue;
            }
            if (n == 0)
            {
                c.EofSeen = true;
                return c.Outbox.IsEmpty ? Close("peer closed") : new WorkResult(0, WantWrite: true, false, null);
            }
            if (n == -(int)Native.Errno.EAGAIN) return default;
            return Close(SocketIo.ErrnoName(n));
        }

        WorkResult Close(string reason)
        {
            c.WorkerCloseReason = reason;
            return new WorkResult(0, false, false, reason);
        }
    }

    public void OnWorkDone(EventLoop loop, Connection c, WorkResult result)
    {
        c.WantWrite = result.WantWrite;
        if (result.MoreToRead) loop.PostReRead(c);
    }

    public bool IsBackpressured(Connection c, int maxPendingBytes) => c.WantWrite;

    public bool WantsWrite(Connection c) => c.WantWrite;

    public bool IsDrained(Connection c) => c.Outbox.IsEmpty;
}
