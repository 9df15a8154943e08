using AdminServer.Engine.Buffers;
using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Services;
using AdminServer.Engine.Threads;
using AdminServer.Engine.Timers;
using System.Net;

namespace AdminServer.Engine.Loop;

/// <summary>
/// One accepted TCP connection. Fields marked "loop" are touched only by the owning loop (the
/// leader, under leader/follower); fields marked "holder" only by the thread holding
/// <see cref="Guard"/> (the loop itself when it runs the service inline, a worker, or a
/// leader/follower handler). The two meet only when the loop knows nobody holds it (<see cref="Busy"/>).
/// </summary>
internal sealed class Connection : IChannel, ITimerOwner
{
    public Connection(EventLoop loop, long id, int fd, Acceptor listener, IPEndPoint remote, ConnectionMode mode, long nowMs)
    {
        Loop = loop;
        Id = id;
        Fd = fd;
        Listener = listener;
        Service = listener.Service;
        Session = listener.Service.OpenSession();
        Remote = remote;
        Mode = mode;
        OpenedAt = DateTimeOffset.UtcNow;
        LastActivityMs = nowMs;
        IdleTimer = new TimerNode(this);
    }

    /// <summary>loop: the keepalive timer; its deadline is checked against <see cref="LastActivityMs"/> only when it fires.</summary>
    public TimerNode IdleTimer { get; }

    public override string ToString() => $"#{Id} {Remote}";

    /// <summary>What its timer is for now: a request in progress ("request"), its service's keep-alive, or the engine's idle timeout.</summary>
    public string TimerKind => Session is ITimedSession { RequestStartedMs: > 0 } ? "request" : Service.IdleTimeout is null ? "idle" : "keep-alive";

    /// <summary>The owning loop; changes only while nobody holds the connection (a pattern switch moves it).</summary>
    public EventLoop Loop;
    public long Id { get; }
    public int Fd { get; }
    public Acceptor Listener { get; }
    public IService Service { get; }
    public ISession Session { get; }
    public IPEndPoint Remote { get; }
    public DateTimeOffset OpenedAt { get; }

    // Written by whichever side does the I/O, read by snapshots: plain fields, read with Volatile.
    public long BytesIn;
    public long BytesOut;
    public long LastActivityMs;
    public int PendingBytes;            // unsent output (+ proactor hand-over queues), for snapshots and the global budget
    public long ReadyTicks;             // Stopwatch ticks when the loop last learned the connection was ready (service latency starts here)

    // loop
    public ulong Token;                 // demultiplexer data: generation << 32 | slot
    public ConnectionMode Mode;
    public ConnectionMode? PendingMode; // a runtime switch waiting for the holder to let go
    public EventLoop? PendingMove;      // a pattern switch moving it to another loop, waiting likewise
    public Interest Registered;         // interest currently registered (holder under leader/follower)
    public bool Armed;                  // false after a ONESHOT event until re-armed (holder under leader/follower)
    public int Outstanding;             // dispatches handed to workers and not yet returned
    public long AppliedSeq;
    public bool WantWrite;              // the holder has output the socket would not take
    public bool ReadPaused;             // the holder stopped reading (backpressure, EOF, close after flush)
    public bool Posted;                 // in the loop's posted queue (read budget exhausted)
    public string? CloseReason;         // set when closing has been decided
    public bool Closed;

    public int Queued;                  // 1 while a dispatch waits in the worker queue (loop sets, worker clears)
    /// <summary>1 when the loop waits for the holder to hand the connection back (close, switch, move); see <see cref="EventLoop.Want"/>.</summary>
    public int LoopWants;

    // holder (reactor: all I/O; proactor: the service run)
    public ConnectionGuard Guard;
    public long Seq;
    public string? WorkerCloseReason;   // the holder decided to close; further runs do no I/O
    public bool CloseAfterFlush;        // the session asked to close once its output is sent
    public readonly InputCarry Carry = new();

    // whoever does the reads (reactor: holder; proactor: loop). The loop may read it at any time:
    // it only ever goes from false to true, and once true nothing more is read.
    public bool EofSeen;
    public readonly OutputQueue Outbox = new(); // reactor: holder-owned; proactor: loop-owned

    // proactor hand-over queues, under Sync (held for a copy only; never by the admin side)
    public readonly object Sync = new();
    public readonly ByteQueue Inbox = new();   // loop -> worker
    public readonly ByteQueue Replies = new(); // worker -> loop
    public int InWorker;                        // bytes taken from Inbox that the worker has not answered yet

    /// <summary>loop: a worker or a handler has it (or is about to): the loop must not touch its I/O state.</summary>
    public bool Busy => Outstanding > 0 || Guard.IsHeld;

    /// <summary>loop: io_uring state while the connection runs as a true proactor (null otherwise).</summary>
    public Uring.UringConnection? Uring;

    /// <summary>loop: registered in the loop's demultiplexer (false while io_uring does its I/O, or between loops).</summary>
    public bool InDemux;

    /// <summary>loop: nobody holds it and the kernel has no operation of its in flight: the loop may close, switch or move it.</summary>
    public bool Settled => !Busy && (Uring is null || Uring.InFlight == 0);

    public string State => CloseReason is not null ? "closing" : EofSeen ? "half-closed" : Busy ? "in worker" : WantWrite || PendingBytes > 0 ? "writing" : "idle";

    public void OnEvents(Readiness events, EngineThread thread) => Loop.OnConnectionEvents(this, events, thread);

    /// <summary>
    /// Unsent output plus the proactor hand-over queues and what a worker holds between them: what the pending limits count. Takes <see cref="Sync"/>
    /// (held for a sum only; never by the admin side).
    /// </summary>
    public int PendingTotal()
    {
        lock (Sync) return Outbox.MemoryLength + Inbox.Length + InWorker + Replies.Length;
    }

    public void ReleaseBuffers()
    {
        Uring?.Dispose();
        Uring = null;
        if (Session is IDisposable disposable) disposable.Dispose();
        Outbox.Clear();
        Carry.Clear();
        lock (Sync)
        {
            Inbox.Clear();
            Replies.Clear();
        }
    }
}
