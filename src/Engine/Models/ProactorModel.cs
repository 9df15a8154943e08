using System.Diagnostics;
using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Io;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Native;

namespace AdminServer.Engine.Models;

/// <summary>
/// Proactor simulated with synchronous I/O: the loop reads what is available and hands the
/// bytes to a worker as a completion; the worker only runs the service; the loop writes the reply.
/// </summary>
internal sealed class ProactorModel : IEventModel
{
    public EventModel Kind => EventModel.Proactor;

    public void OnReady(EventLoop loop, Connection c, Readiness events)
    {
        var ctx = loop.Context;
        if ((events & Readiness.Writable) != 0 && !c.Outbox.IsEmpty)
        {
            if (SocketIo.Flush(c, c.Outbox, ctx) is { } err) { loop.RequestClose(c, err); return; }
        }
        bool readable = (events & (Readiness.Readable | Readiness.Hangup | Readiness.Posted)) != 0;
        if (readable && !c.EofSeen && !c.CloseAfterFlush && !IsReadPaused(loop, c)) ReadAvailable(loop, c);
        UpdatePending(loop, c);
    }

    private void ReadAvailable(EventLoop loop, Connection c)
    {
        var ctx = loop.Context;
        var buffer = ctx.ReadBuffer;
        bool edge = c.Mode.Trigger == TriggerMode.ET;
        int total = 0;
        while (true)
        {
            int n = SocketIo.Receive(c, buffer, ctx);
            if (n > 0)
            {
                total += n;
                lock (c.Sync) c.Inbox.Append(buffer.AsSpan(0, n));
                if (!edge) break;
                if (total >= loop.Options.ReadBudgetBytes) { ctx.Counters.BudgetYields++; loop.PostReRead(c); break; }
                if (IsReadPaused(loop, c)) { ctx.Counters.PausedReads++; break; }
                continue;
            }
            if (n == 0) { c.EofSeen = true; break; }
            if (n == -(int)Errno.EAGAIN) break;
            loop.RequestClose(c, SocketIo.ErrnoName(n));
            return;
        }
        if (total > 0) loop.Dispatch(c);
    }

    public WorkResult Run(Connection c, IoContext w) => Serve(c, w);

    /// <summary>Worker: runs the session on the completed input (Inbox) and hands the reply back (Replies). Shared with io_uring's true proactor.</summary>
    public static WorkResult Serve(Connection c, IoContext w)
    {
        lock (c.Sync)
        {
            // Still pending while the worker has it: the loop must not read on as if these bytes were gone.
            c.InWorker = c.Inbox.Length;
            c.Inbox.MoveTo(w.Input);
        }
        try
        {
            var output = w.Output;
            while (!w.Input.IsEmpty)
            {
                var span = w.Input.Peek();
                output.Reset(w.NowMs);
                var error = SessionFeed.Feed(c, span, output);
                w.Input.Consume(span.Length);
                if (error is not null)
                {
                    w.Input.Clear();
                    c.WorkerCloseReason ??= error;
                    return new WorkResult(0, false, false, true, error);
                }
                if (output.Written > 0 || output.Files.Count > 0)
                {
                    // Copied (and any file read) outside the lock the loop also takes; the lock covers the hand-over only.
                    string? fileError = output.CopyTo(w.Scratch);
                    lock (c.Sync) w.Scratch.MoveTo(c.Replies);
                    if (fileError is not null)
                    {
                        c.WorkerCloseReason ??= fileError;
                        return new WorkResult(0, false, false, true, fileError);
                    }
                }
            }
            return default;
        }
        finally
        {
            lock (c.Sync) c.InWorker = 0;
        }
    }

    public void OnWorkDone(EventLoop loop, Connection c, WorkResult result)
    {
        lock (c.Sync) c.Outbox.MoveFrom(c.Replies);
        if (SocketIo.Flush(c, c.Outbox, loop.Context) is { } err) loop.RequestClose(c, err);
        UpdatePending(loop, c);
        // Service latency: the loop read the request, a worker served it, the loop wrote the reply.
        c.Listener.Stats.Latency.Record(loop.Context.Slot, Stopwatch.GetTimestamp() - c.ReadyTicks);
    }

    private static void UpdatePending(EventLoop loop, Connection c) => loop.Runtime.Pending.Update(c, c.PendingTotal());

    public bool IsReadPaused(EventLoop loop, Connection c) => ReadPausedByPending(loop, c);

    /// <summary>Both proactors (simulated and io_uring) stop reading at EOF, on close-after-flush, or when the pending limits say so.</summary>
    public static bool ReadPausedByPending(EventLoop loop, Connection c) =>
        c.EofSeen || c.CloseAfterFlush || loop.Runtime.Pending.MustPause(c.PendingTotal(), loop.Options.MaxPendingBytes);

    public bool WantsWrite(Connection c) => !c.Outbox.IsEmpty;

    public bool IsDrained(Connection c)
    {
        lock (c.Sync) return c.Outbox.IsEmpty && c.Inbox.IsEmpty && c.Replies.IsEmpty;
    }
}
