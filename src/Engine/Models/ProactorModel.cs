using AdminServer.Engine.Config;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Native;
using AdminServer.Engine.Workers;

namespace AdminServer.Engine.Models;

/// <summary>
/// Proactor simulated with synchronous I/O: the loop reads what is available and hands the
/// bytes to a worker as a completion; the worker only runs the service; the loop writes the reply.
/// </summary>
internal sealed class ProactorModel : IEventModel
{
    public EventModel Kind => EventModel.Proactor;

    public void OnReady(EventLoop loop, Connection c, uint events)
    {
        var k = loop.Counters;
        if ((events & Consts.EPOLLOUT) != 0 && !c.Outbox.IsEmpty)
        {
            if (SocketIo.Flush(c, c.Outbox, k) is { } err) { loop.RequestClose(c, err); return; }
        }
        bool readable = events == 0 || (events & (Consts.EPOLLIN | Consts.EPOLLRDHUP | Consts.EPOLLHUP)) != 0;
        if (readable && !c.EofSeen && !IsBackpressured(c, loop.Options.MaxPendingBytes)) ReadAvailable(loop, c);
    }

    private void ReadAvailable(EventLoop loop, Connection c)
    {
        var k = loop.Counters;
        var buffer = loop.ReadBuffer;
        bool edge = c.Mode.Trigger == TriggerMode.ET;
        int total = 0;
        while (true)
        {
            int n = SocketIo.Receive(c, buffer, k);
            if (n > 0)
            {
                total += n;
                lock (c.Sync) c.Inbox.Append(buffer.AsSpan(0, n));
                if (!edge) break;
                if (total >= loop.Options.ReadBudgetBytes) { loop.PostReRead(c); break; }
                if (IsBackpressured(c, loop.Options.MaxPendingBytes)) break;
                continue;
            }
            if (n == 0) { c.EofSeen = true; break; }
            if (n == -(int)Errno.EAGAIN) break;
            loop.RequestClose(c, SocketIo.ErrnoName(n));
            return;
        }
        if (total > 0) loop.Dispatch(c);
    }

    public WorkResult Run(Connection c, WorkerContext w)
    {
        lock (c.Sync) c.Inbox.MoveTo(w.Input);
        while (!w.Input.IsEmpty)
        {
            var span = w.Input.Peek();
            c.Service.OnData(span, w.Output);
            w.Input.Consume(span.Length);
        }
        if (!w.Output.IsEmpty)
        {
            lock (c.Sync) w.Output.MoveTo(c.Replies);
        }
        return default;
    }

    public void OnWorkDone(EventLoop loop, Connection c, WorkResult result)
    {
        lock (c.Sync) c.Replies.MoveTo(c.Outbox);
        if (SocketIo.Flush(c, c.Outbox, loop.Counters) is { } err) loop.RequestClose(c, err);
    }

    public bool IsBackpressured(Connection c, int maxPendingBytes)
    {
        lock (c.Sync) return c.Outbox.Length + c.Inbox.Length + c.Replies.Length >= maxPendingBytes;
    }

    public bool WantsWrite(Connection c) => !c.Outbox.IsEmpty;

    public bool IsDrained(Connection c)
    {
        lock (c.Sync) return c.Outbox.IsEmpty && c.Inbox.IsEmpty && c.Replies.IsEmpty;
    }
}
