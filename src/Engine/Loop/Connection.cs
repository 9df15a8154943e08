using System.Net;
using AdminServer.Engine.Buffers;
using AdminServer.Engine.Config;
using AdminServer.Engine.Services;
using AdminServer.Engine.Timers;

namespace AdminServer.Engine.Loop;

/// <summary>
/// One accepted TCP connection. Fields marked "loop" are touched only by the owning loop;
/// fields marked "guard" only by the worker holding <see cref="Guard"/>; the two meet only
/// when the loop knows no worker has it (<see cref="Outstanding"/> is 0).
/// </summary>
internal sealed class Connection : IChannel
{
    private readonly EventLoop _loop;

    public Connection(EventLoop loop, long id, int fd, IService service, string listener, IPEndPoint remote, ConnectionMode mode)
    {
        _loop = loop;
        Id = id;
        Fd = fd;
        Service = service;
        Listener = listener;
        Remote = remote;
        Mode = mode;
        OpenedAt = DateTimeOffset.UtcNow;
        LastActivityMs = MonotonicClock.NowMs;
        IdleTimer = new TimerNode(this);
    }

    /// <summary>loop: the keepalive timer; its deadline is checked against <see cref="LastActivityMs"/> only when it fires.</summary>
    public TimerNode IdleTimer { get; }

    public override string ToString() => $"#{Id} {Remote}";

    public EventLoop Loop => _loop;
    public long Id { get; }
    public int Fd { get; }
    public IService Service { get; }
    public string Listener { get; }
    public IPEndPoint Remote { get; }
    public DateTimeOffset OpenedAt { get; }

    // Written by whichever side does the I/O, read by snapshots: plain fields, read with Volatile.
    public long BytesIn;
    public long BytesOut;
    public long LastActivityMs;

    // loop
    public ulong Token;                 // epoll data: generation << 32 | slot
    public ConnectionMode Mode;
    public ConnectionMode? PendingMode; // a runtime switch waiting for the workers to let go
    public uint Registered;             // events currently registered with epoll
    public bool Armed;                  // false after a ONESHOT event until re-armed
    public int Outstanding;             // dispatches handed to workers and not yet returned
    public long AppliedSeq;
    public bool WantWrite;              // reactor: the worker has output the socket would not take
    public bool Posted;                 // in the loop's posted queue (read budget exhausted)
    public string? CloseReason;         // set when closing has been decided
    public bool Closed;

    public int Queued;                  // 1 while a dispatch waits in the worker queue (loop sets, worker clears)

    // guard (reactor: all I/O; proactor: the service run)
    public ConnectionGuard Guard;
    public long Seq;
    public string? WorkerCloseReason;   // reactor: the worker decided to close; further runs do no I/O

    // whoever does the reads (reactor: guard; proactor: loop). The loop may read it at any time:
    // it only ever goes from false to true, and once true nothing more is read.
    public bool EofSeen;
    public readonly ByteQueue Outbox = new(); // reactor: guard-owned; proactor: loop-owned

    // proactor hand-over queues, under Sync (held for a copy only; never by the admin side)
    public readonly object Sync = new();
    public readonly ByteQueue Inbox = new();   // loop -> worker
    public readonly ByteQueue Replies = new(); // worker -> loop

    public string State => CloseReason is not null ? "closing" : EofSeen ? "half-closed" : Outstanding > 0 ? "in worker" : WantWrite || !Outbox.IsEmpty ? "writing" : "idle";

    public void OnEvents(uint events) => _loop.OnConnectionEvents(this, events);

    public void ReleaseBuffers()
    {
        Outbox.Clear();
        lock (Sync)
        {
            Inbox.Clear();
            Replies.Clear();
        }
    }
}
