using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Io;
using AdminServer.Engine.Loop;

namespace AdminServer.Engine.Models;

/// <summary>
/// The true proactor on io_uring. The loop submits RECV and SEND into the connection's native buffers and the
/// kernel completes them; a completed read is served inline on the loop (one loop per core) or handed to a worker
/// as a completion (half-sync/half-async, the book's aio flow), and the reply goes out as the next SEND. Under
/// half-sync/half-async this type is the worker's side; the submissions and completions are the loop's
/// (EventLoop.Uring). There is no readiness: <see cref="OnReady"/> is never called.
/// </summary>
internal sealed class UringModel : IEventModel
{
    public EventModel Kind => EventModel.IoUring;

    public void OnReady(EventLoop loop, Connection c, Readiness events)
    {
        // Not registered for readiness while io_uring does its I/O; a posted re-read lands here: nothing to do.
    }

    public WorkResult Run(Connection c, IoContext w) => ProactorModel.Serve(c, w);

    public void OnWorkDone(EventLoop loop, Connection c, WorkResult result)
    {
        bool more;
        lock (c.Sync)
        {
            c.Outbox.MoveFrom(c.Replies);
            more = !c.Inbox.IsEmpty;
        }
        if (more && c.Outstanding == 0 && !c.Closed && c.CloseReason is null) loop.Dispatch(c); // what completed while the worker ran
    }

    public bool IsReadPaused(EventLoop loop, Connection c) => ProactorModel.ReadPausedByPending(loop, c);

    public bool WantsWrite(Connection c) => false; // sends are operations in flight, not interest in writability

    public bool IsDrained(Connection c)
    {
        lock (c.Sync) return c.Outbox.IsEmpty && c.Inbox.IsEmpty && c.Replies.IsEmpty;
    }
}
