using System.Net;
using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Io;
using AdminServer.Engine.Models;
using AdminServer.Engine.Native;
using AdminServer.Engine.Services;
using AdminServer.Engine.Threads;

namespace AdminServer.Engine.Loop;

/// <summary>A connection's life on its loop: adopt, run (inline, hand-off or claim), hand back, re-arm, close.</summary>
internal sealed partial class EventLoop
{
    public IEventModel ModelFor(Connection c) => c.Mode.Model switch
    {
        EventModel.Reactor => _reactor,
        EventModel.Proactor => _proactor,
        _ => _uring,
    };

    /// <summary>Loop thread: a new connection (its slot in <see cref="ConnectionLimit"/> already reserved) joins this loop.</summary>
    public void Adopt(Acceptor acceptor, int fd, IPEndPoint remote)
    {
        if (fd > _demux.Capabilities.MaxFd)
        {
            // select's fd_set has FD_SETSIZE bits: an fd past it cannot be watched, and FD_SET would write out of bounds.
            LibC.Close(fd);
            Runtime.Limit.Release();
            Context.Counters.RefusedFdSetSize++;
            acceptor.Stats.Refused++;
            return;
        }
        Sockets.SetInt(fd, Consts.IPPROTO_TCP, Consts.TCP_NODELAY, 1);
        Context.Counters.SystemCalls++;
        // A fresh clock reading, not the turn's: the idle timeout counts from the accept itself (never early).
        long now = MonotonicClock.NowMs;
        var c = new Connection(this, Runtime.NextConnectionId(), fd, acceptor, remote, _mode, now);
        acceptor.Stats.Opened();
        Register(c);
        _timers.Start(c, now);
    }

    private void Register(Connection c)
    {
        c.Token = _channels.Add(c);
        _connections.Add(c.Id, c);
        Volatile.Write(ref _connectionCount, _connections.Count);
        if (c.Mode.Model == EventModel.IoUring) { AttachToRing(c); return; }
        AddToDemux(c);
    }

    private void AddToDemux(Connection c)
    {
        c.Registered = DesiredInterest(c);
        _demux.Add(c.Fd, c.Token, c.Registered);
        c.InDemux = true;
        Context.Counters.EpollCtls++;
        if (_demux.Kind == PollerKind.Epoll) Context.Counters.SystemCalls++;
        c.Armed = true;
    }

    public void OnConnectionEvents(Connection c, Readiness events, EngineThread thread)
    {
        if (c.Mode.OneShot && !c.Guard.IsHeld) c.Armed = false;
        if (c.CloseReason is not null || c.PendingMode is not null || c.PendingMove is not null) return; // re-reported by the MOD/ADD that follows
        if ((events & Readiness.Error) != 0)
        {
            var error = Sockets.PendingError(c.Fd);
            RequestClose(c, error == 0 ? "EPOLLERR" : error.ToString());
            return;
        }
        c.ReadyTicks = _turnTicks;
        Ready(c, events, thread);
    }

    /// <summary>
    /// A ready connection goes where its pattern says when the thread that got the event does its I/O (Reactor);
    /// the proactors' steps are fixed by their model whatever the pattern (the simulated one reads on the loop and
    /// hands the service to a worker; it meets other patterns only while a switch away from it is in progress).
    /// </summary>
    private void Ready(Connection c, Readiness events, EngineThread thread)
    {
        if (c.Mode.Model == EventModel.Reactor) _pattern.OnReady(this, c, events, thread);
        else HandOff(c, events);
    }

    // ---- half-sync/half-async: hand the connection to the event model (the worker pool) ----

    public void HandOff(Connection c, Readiness events)
    {
        ModelFor(c).OnReady(this, c, events);
        AfterIo(c);
    }

    public void Dispatch(Connection c)
    {
        // A dispatch still waiting in the queue will see this readiness too: without ONESHOT an
        // LT fd is reported on every wait, and queueing each report would grow the queue without
        // bound. Coalescing caps a connection at one queued plus one running dispatch.
        if (Interlocked.Exchange(ref c.Queued, 1) == 1) { Context.Counters.Coalesced++; return; }
        c.Outstanding++;
        Context.Counters.Dispatches++;
        Runtime.Workers.Enqueue(c);
    }

    public void PostReRead(Connection c)
    {
        if (c.Posted) return;
        c.Posted = true;
        _posted.Enqueue(c);
    }

    private void OnWorkDone(Connection c, WorkResult result)
    {
        c.Outstanding--;
        if (c.Closed) return;
        ApplyResult(c, result);
    }

    private void OnReturned(Connection c, WorkResult result)
    {
        if (c.Closed || c.Loop != this) return;
        ApplyResult(c, result);
    }

    /// <summary>Loop thread: what the holder of a connection reported, applied if it is the newest, then the common tail.</summary>
    private void ApplyResult(Connection c, WorkResult result)
    {
        if (result.Seq > c.AppliedSeq)
        {
            c.AppliedSeq = result.Seq;
            ModelFor(c).OnWorkDone(this, c, result);
            if (result.CloseReason is { } reason) RequestClose(c, reason);
        }
        AfterIo(c);
    }

    // ---- one loop per core: the loop runs the connection itself ----

    public void RunInline(Connection c, EngineThread thread)
    {
        var ctx = thread.Context;
        // Free unless a thread of the pattern in force before a switch still has it: it runs again for us.
        if (!c.Guard.TryEnter(out bool collided)) { ctx.Counters.Collisions++; return; }
        if (collided) ctx.Counters.Collisions++;
        WorkResult result;
        do
        {
            c.Guard.BeginRun();
            result = HolderRun.Once(c, _reactor, ctx);
            ctx.Counters.InlineRuns++;
        }
        while (c.Guard.ExitAndCheckRerun());
        ApplyResult(c, result);
    }

    // ---- leader/follower: the leader claims, and after promoting a follower handles its claims ----

    public void Claim(Connection c, EngineThread leader)
    {
        var ctx = leader.Context;
        // With ONESHOT a held fd fires again only after its holder re-armed it, a few instructions
        // before it lets go: wait for that instead of calling it a collision.
        if (c.Mode.OneShot)
        {
            var spin = new SpinWait();
            while (c.Guard.IsHeld && spin.Count < 20) spin.SpinOnce(sleep1Threshold: -1);
        }
        if (!c.Guard.TryEnter(out bool collided)) { ctx.Counters.Collisions++; return; }
        if (collided) ctx.Counters.Collisions++;
        leader.Batch.Add(c);
    }

    /// <summary>
    /// Any thread, after its turn (leader/follower: after promoting a follower): runs the connections it
    /// claimed. In the common case it re-arms the fd itself (epoll allows that from any thread) and
    /// tells the loop nothing; a close, a re-read, or a loop that asked for the connection goes back as a command.
    /// </summary>
    public void HandleBatch(EngineThread thread)
    {
        var ctx = thread.Context; // its clock was read by the turn that filled the batch
        foreach (var c in thread.Batch)
        {
            WorkResult result;
            bool handledHere;
            while (true)
            {
                c.Guard.BeginRun();
                result = HolderRun.Once(c, _reactor, ctx);
                ctx.Counters.HandlerRuns++;
                handledHere = result.CloseReason is null && !result.MoreToRead && c.Loop._demux.Capabilities.ConcurrentModify;
                if (handledHere) RearmByHolder(c, result, ctx);
                if (!c.Guard.ExitAndCheckRerun()) break;
            }
            // The guard's release is a full fence, so this read pairs with Want's (Dekker): one of us sees the other.
            if (!handledHere || Volatile.Read(ref c.LoopWants) != 0) c.Loop.PostReturned(c, result);
        }
        thread.Batch.Clear();
    }

    /// <summary>Holder (guard held): records the result for the loop and re-arms the fd if ONESHOT disarmed it or the interest changed.</summary>
    private static void RearmByHolder(Connection c, WorkResult result, IoContext ctx)
    {
        c.WantWrite = result.WantWrite;
        c.ReadPaused = result.ReadPaused;
        var want = InterestFrom(c, readable: !result.ReadPaused, writable: result.WantWrite);
        if (!c.Mode.OneShot && want == c.Registered) return;
        c.Loop._demux.Modify(c.Fd, c.Token, want);
        ctx.Counters.EpollCtls++;
        ctx.Counters.SystemCalls++; // only epoll lets a handler re-arm (ConcurrentModify)
        c.Registered = want;
        c.Armed = true;
    }

    // ---- the common tail ----

    /// <summary>After any I/O step: finish a close, a move or a mode switch once nobody holds the connection, else re-arm.</summary>
    private void AfterIo(Connection c)
    {
        if (c.Closed) return;
        if (c.Settled)
        {
            if (c.CloseReason is { } reason) { Close(c, reason); return; }
            if ((c.EofSeen || c.CloseAfterFlush) && !c.Posted && ModelFor(c).IsDrained(c)) { Close(c, c.EofSeen ? "peer closed" : "closed by service"); return; }
            if (c.PendingMove is { } destination) { MoveOut(c, destination); return; }
            if (c.PendingMode is { } target) { ApplyMode(c, target); FinishOneSwitchWaiter(rearmed: true); return; }
            Volatile.Write(ref c.LoopWants, 0);
        }
        UpdateInterest(c);
    }

    /// <summary>
    /// Loop thread: the loop needs the connection (close, switch, move). Returns true if nobody holds it,
    /// so the caller may act now; otherwise its holder hands it back. The flag is written with a full
    /// fence before the guard is read, and the holder releases the guard (a full fence) before it reads
    /// the flag: at least one of the two sees the other, so the request is never lost.
    /// </summary>
    private bool Want(Connection c)
    {
        Interlocked.Exchange(ref c.LoopWants, 1);
        if (c.Uring is { InFlight: > 0 }) CancelUring(c);
        return c.Settled;
    }

    /// <summary>
    /// Loop thread, nobody holding the connection: its request did not arrive in time (slowloris). The
    /// session writes its answer (HTTP 408), the loop sends what the socket takes, and the connection closes.
    /// </summary>
    private void OnRequestTimeout(Connection c)
    {
        if (c.CloseReason is not null || c.Session is not ITimedSession session) return;
        if (c.Guard.TryEnterQuietly())
        {
            try
            {
                var output = Context.Output;
                output.Reset(Now);
                session.OnRequestTimeout(output);
                SocketIo.WriteThrough(c, output, Context);
            }
            catch (Exception ex)
            {
                Log($"request timeout answer failed on {c}: {ex.GetType().Name}");
            }
            finally
            {
                c.Guard.ExitAndCheckRerun();
            }
        }
        RequestClose(c, "request timeout");
    }

    public void RequestClose(Connection c, string reason)
    {
        c.CloseReason ??= reason;
        if (!c.Closed && Want(c)) Close(c, c.CloseReason);
    }

    private Interest DesiredInterest(Connection c)
    {
        var model = ModelFor(c);
        bool readable = c.PendingMode is null && c.PendingMove is null && !model.IsReadPaused(this, c);
        return InterestFrom(c, readable, model.WantsWrite(c));
    }

    private static Interest InterestFrom(Connection c, bool readable, bool writable)
    {
        var i = Interest.None;
        if (readable) i |= Interest.Readable;
        if (writable) i |= Interest.Writable;
        if (c.Mode.Trigger == TriggerMode.ET) i |= Interest.Edge;
        if (c.Mode.OneShot) i |= Interest.OneShot;
        return i;
    }

    private void UpdateInterest(Connection c)
    {
        if (c.Closed) return;
        if (c.Uring is not null) { PumpUring(c); return; }
        if (c.CloseReason is not null || !c.InDemux) return;
        // A thread running the connection owns its registration until it lets go.
        if (c.Guard.IsHeld) return;
        // A ONESHOT fd stays silent while a worker or the posted queue has it; it is re-armed on return.
        if (c.Mode.OneShot && (c.Outstanding > 0 || c.Posted)) return;
        var want = DesiredInterest(c);
        if (want == c.Registered && (c.Armed || !c.Mode.OneShot)) return;
        Rearm(c, want);
    }

    private void Rearm(Connection c, Interest want)
    {
        _demux.Modify(c.Fd, c.Token, want);
        Context.Counters.EpollCtls++;
        if (_demux.Kind == PollerKind.Epoll) Context.Counters.SystemCalls++;
        c.Registered = want;
        c.Armed = true;
    }

    private void Close(Connection c, string reason)
    {
        c.Closed = true;
        c.CloseReason ??= reason;
        _timers.Stop(c);
        if (c.PendingMode is not null) { c.PendingMode = null; FinishOneSwitchWaiter(rearmed: false); }
        if (c.PendingMove is not null) { c.PendingMove = null; _activeMove?.OneDone(); }
        if (c.InDemux) _demux.Remove(c.Fd, closing: true);
        c.InDemux = false;
        LibC.Close(c.Fd); // never with an io_uring operation in flight: Close runs only when the connection is settled
        Context.Counters.SystemCalls++;
        Forget(c);
        Runtime.Pending.Update(c, 0);
        Runtime.Limit.Release();
        c.Listener.Stats.Closed();
        c.Listener.Stats.AddClosed(Volatile.Read(ref c.BytesIn), Volatile.Read(ref c.BytesOut));
        c.ReleaseBuffers();
        Context.Counters.Closes++;
        Runtime.Closed.Add(new ClosedConnectionInfo(c.Id, c.Service.Name, c.Remote.ToString(), reason,
            Volatile.Read(ref c.BytesIn), Volatile.Read(ref c.BytesOut), c.OpenedAt, DateTimeOffset.UtcNow));
    }

    /// <summary>Removes the connection from the loop's tables (on close, or when it moves to another loop).</summary>
    private void Forget(Connection c)
    {
        _channels.Remove(c.Token);
        _connections.Remove(c.Id);
        Volatile.Write(ref _connectionCount, _connections.Count);
    }
}
