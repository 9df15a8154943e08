using System.Diagnostics;
using AdminServer.Engine.Config;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Native;

namespace AdminServer.Engine.Io;

/// <summary>
/// The reactor step on a ready connection, run by whichever thread holds it: the loop itself (one
/// loop per core), a worker (half-sync/half-async) or the thread that waited (leader/follower).
/// Flush what is queued, read (ET: until EAGAIN within the read budget; LT: once), hand the bytes
/// to the session, write its reply through. Stops reading when the unsent output reaches the
/// per-connection limit or the engine-wide budget says so (backpressure).
/// </summary>
internal static class ReactorIo
{
    public static WorkResult Run(Connection c, IoContext ctx)
    {
        var result = ReadServeWrite(c, ctx, out int read);
        // Service latency: from the moment the loop learned data was ready to the end of the run that served it.
        if (read > 0) c.Listener.Stats.Latency.Record(ctx.Slot, Stopwatch.GetTimestamp() - c.ReadyTicks);
        return result;
    }

    private static WorkResult ReadServeWrite(Connection c, IoContext ctx, out int total)
    {
        total = 0;
        if (c.WorkerCloseReason is { } closing) return Close(c, closing);
        var loop = c.Loop;
        var options = loop.Options;
        if (!c.Outbox.IsEmpty && SocketIo.Flush(c, c.Outbox, ctx) is { } writeError) return Close(c, writeError);
        if (c.EofSeen || c.CloseAfterFlush) return Finish(c);
        if (Paused(c, loop, options)) return Result(c, paused: true);

        bool edge = c.Mode.Trigger == TriggerMode.ET;
        var buffer = ctx.ReadBuffer;
        while (true)
        {
            int n = SocketIo.Receive(c, buffer, ctx);
            if (n > 0)
            {
                total += n;
                var output = ctx.Output;
                output.Reset(ctx.NowMs);
                if (SessionFeed.Feed(c, buffer.AsSpan(0, n), output) is { } serviceError) return Close(c, serviceError);
                if ((output.Written > 0 || output.Files.Count > 0) && SocketIo.WriteThrough(c, output, ctx) is { } err) return Close(c, err);
                if (c.CloseAfterFlush) return Finish(c);
                // A full socket stops reading once the unsent output reaches its limit: the peer's pace bounds our memory.
                if (Paused(c, loop, options)) { ctx.Counters.PausedReads++; return Result(c, paused: true); }
                if (!edge) return Result(c, paused: false);
                if (total >= options.ReadBudgetBytes)
                {
                    ctx.Counters.BudgetYields++;
                    return Result(c, paused: false) with { MoreToRead = true };
                }
                continue;
            }
            if (n == 0)
            {
                c.EofSeen = true;
                return Finish(c);
            }
            if (n == -(int)Errno.EAGAIN) return Result(c, paused: false);
            return Close(c, SocketIo.ErrnoName(n));
        }
    }

    private static bool Paused(Connection c, EventLoop loop, EngineOptions options)
    {
        if (c.Outbox.IsEmpty) return false; // the common case: everything was written through
        // Report the growth now, not at the end of the run: the engine-wide total must see it before the next read.
        loop.Runtime.Pending.Update(c, c.Outbox.MemoryLength);
        return loop.Runtime.Pending.MustPause(c.Outbox.MemoryLength, options.MaxPendingBytes);
    }

    /// <summary>Nothing more will be read (EOF, or the session asked to close): close once the output is sent.</summary>
    private static WorkResult Finish(Connection c)
    {
        if (!c.Outbox.IsEmpty) return Result(c, paused: true);
        return Close(c, c.EofSeen ? "peer closed" : "closed by service");
    }

    private static WorkResult Result(Connection c, bool paused)
    {
        c.Loop.Runtime.Pending.Update(c, c.Outbox.MemoryLength);
        return new WorkResult(0, WantWrite: !c.Outbox.IsEmpty, MoreToRead: false, ReadPaused: paused, CloseReason: null);
    }

    private static WorkResult Close(Connection c, string reason)
    {
        c.WorkerCloseReason = reason;
        return new WorkResult(0, false, false, true, reason);
    }
}
