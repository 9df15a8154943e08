namespace AdminServer.Engine.Metrics;

/// <summary>
/// Counters written by exactly one thread (a loop, a worker, a leader/follower thread) with plain
/// increments, so the hot path pays no interlocked operation; readers sum all threads' sets.
/// 64-bit stores are atomic on x64, so a reader sees each value whole, if slightly old.
/// </summary>
public sealed class IoCounters
{
    /// <summary>Wait calls of the demultiplexer (epoll_wait, poll, select).</summary>
    public long Waits;
    /// <summary>Ready fds the waits returned.</summary>
    public long Events;
    /// <summary>Events for a connection already closed (its slot's generation moved on): dropped.</summary>
    public long StaleEvents;
    /// <summary>Fds the backend examined to find the ready ones: all registered for select/poll, the ready ones for epoll.</summary>
    public long FdsScanned;
    /// <summary>Time spent inside the wait calls, in microseconds.</summary>
    public long WaitMicros;
    /// <summary>Interest registrations and changes (epoll_ctl calls under epoll).</summary>
    public long EpollCtls;
    /// <summary>Connections accepted.</summary>
    public long Accepts;
    /// <summary>accept4 failures (EMFILE, ENFILE, …).</summary>
    public long AcceptErrors;
    /// <summary>Connections accepted and closed at once because Engine:MaxConnections were open.</summary>
    public long RefusedConnections;
    /// <summary>Connections closed at once because their fd does not fit select's FD_SETSIZE.</summary>
    public long RefusedFdSetSize;
    /// <summary>recv calls.</summary>
    public long Reads;
    /// <summary>recv calls that returned EAGAIN.</summary>
    public long EagainReads;
    /// <summary>send calls.</summary>
    public long Writes;
    /// <summary>send calls that returned EAGAIN.</summary>
    public long EagainWrites;
    /// <summary>Bytes received.</summary>
    public long BytesIn;
    /// <summary>Bytes sent.</summary>
    public long BytesOut;
    /// <summary>sendfile calls (file bodies the kernel copies from the page cache to the socket).</summary>
    public long SendFiles;
    /// <summary>Bytes sent by sendfile.</summary>
    public long SendFileBytes;
    /// <summary>Hand-offs of a ready connection to the worker pool (half-sync/half-async).</summary>
    public long Dispatches;
    /// <summary>A second thread found the connection held by another: the race EPOLLONESHOT prevents.</summary>
    public long Collisions;
    /// <summary>Readiness reports folded into a dispatch already waiting in the worker queue.</summary>
    public long Coalesced;
    /// <summary>Service runs on the loop thread that received the event (one loop per core).</summary>
    public long InlineRuns;
    /// <summary>Service runs on a worker thread (half-sync/half-async).</summary>
    public long WorkerRuns;
    /// <summary>Leader/follower: the leader handed leadership to a follower before handling its events.</summary>
    public long Promotions;
    /// <summary>Leader/follower: service runs by the thread that waited, after it promoted a follower.</summary>
    public long HandlerRuns;
    /// <summary>Edge-triggered reads that stopped at ReadBudgetBytes and were re-queued so other peers get a turn.</summary>
    public long BudgetYields;
    /// <summary>Times a connection stopped reading because its unsent output reached a limit (backpressure).</summary>
    public long PausedReads;
    /// <summary>io_uring: operations submitted (SQEs).</summary>
    public long UringSubmits;
    /// <summary>io_uring: completions taken (CQEs).</summary>
    public long UringCompletions;
    /// <summary>io_uring: io_uring_enter calls (each submits a batch and waits for completions).</summary>
    public long UringEnters;
    /// <summary>io_uring: cancellations of operations in flight (a connection moved out of the ring or closed).</summary>
    public long UringCancels;
    /// <summary>Connections closed.</summary>
    public long Closes;
    /// <summary>System calls the engine's threads made for connections: waits, recv/send/sendfile, epoll_ctl, accept4, close, io_uring_enter.</summary>
    public long SystemCalls;

    public void AddTo(ref CounterSnapshot s)
    {
        s = s with
        {
            Waits = s.Waits + Volatile.Read(ref Waits),
            Events = s.Events + Volatile.Read(ref Events),
            StaleEvents = s.StaleEvents + Volatile.Read(ref StaleEvents),
            FdsScanned = s.FdsScanned + Volatile.Read(ref FdsScanned),
            WaitMicros = s.WaitMicros + Volatile.Read(ref WaitMicros),
            EpollCtls = s.EpollCtls + Volatile.Read(ref EpollCtls),
            Accepts = s.Accepts + Volatile.Read(ref Accepts),
            AcceptErrors = s.AcceptErrors + Volatile.Read(ref AcceptErrors),
            RefusedConnections = s.RefusedConnections + Volatile.Read(ref RefusedConnections),
            RefusedFdSetSize = s.RefusedFdSetSize + Volatile.Read(ref RefusedFdSetSize),
            Reads = s.Reads + Volatile.Read(ref Reads),
            EagainReads = s.EagainReads + Volatile.Read(ref EagainReads),
            Writes = s.Writes + Volatile.Read(ref Writes),
            EagainWrites = s.EagainWrites + Volatile.Read(ref EagainWrites),
            BytesIn = s.BytesIn + Volatile.Read(ref BytesIn),
            BytesOut = s.BytesOut + Volatile.Read(ref BytesOut),
            SendFiles = s.SendFiles + Volatile.Read(ref SendFiles),
            SendFileBytes = s.SendFileBytes + Volatile.Read(ref SendFileBytes),
            Dispatches = s.Dispatches + Volatile.Read(ref Dispatches),
            Collisions = s.Collisions + Volatile.Read(ref Collisions),
            Coalesced = s.Coalesced + Volatile.Read(ref Coalesced),
            InlineRuns = s.InlineRuns + Volatile.Read(ref InlineRuns),
            WorkerRuns = s.WorkerRuns + Volatile.Read(ref WorkerRuns),
            Promotions = s.Promotions + Volatile.Read(ref Promotions),
            HandlerRuns = s.HandlerRuns + Volatile.Read(ref HandlerRuns),
            BudgetYields = s.BudgetYields + Volatile.Read(ref BudgetYields),
            PausedReads = s.PausedReads + Volatile.Read(ref PausedReads),
            UringSubmits = s.UringSubmits + Volatile.Read(ref UringSubmits),
            UringCompletions = s.UringCompletions + Volatile.Read(ref UringCompletions),
            UringEnters = s.UringEnters + Volatile.Read(ref UringEnters),
            UringCancels = s.UringCancels + Volatile.Read(ref UringCancels),
            Closes = s.Closes + Volatile.Read(ref Closes),
            SystemCalls = s.SystemCalls + Volatile.Read(ref SystemCalls),
        };
    }
}
