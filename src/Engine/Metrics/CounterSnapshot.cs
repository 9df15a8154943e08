namespace AdminServer.Engine.Metrics;

/// <summary>The engine's counters summed over its threads at one moment (see <see cref="IoCounters"/> for each meaning).</summary>
public sealed record CounterSnapshot
{
    /// <summary>Wait calls of the demultiplexer (epoll_wait, poll, select).</summary>
    public long Waits { get; init; }
    /// <summary>Ready fds the waits returned.</summary>
    public long Events { get; init; }
    /// <summary>Events for a connection already closed (its slot's generation moved on): dropped.</summary>
    public long StaleEvents { get; init; }
    /// <summary>Fds the backend examined to find the ready ones: all registered for select/poll, the ready ones for epoll.</summary>
    public long FdsScanned { get; init; }
    /// <summary>Time spent inside the wait calls, in microseconds.</summary>
    public long WaitMicros { get; init; }
    /// <summary>Interest registrations and changes (epoll_ctl calls under epoll).</summary>
    public long EpollCtls { get; init; }
    /// <summary>Connections accepted.</summary>
    public long Accepts { get; init; }
    /// <summary>accept4 failures (EMFILE, ENFILE, …).</summary>
    public long AcceptErrors { get; init; }
    /// <summary>Connections accepted and closed at once because Engine:MaxConnections were open.</summary>
    public long RefusedConnections { get; init; }
    /// <summary>Connections closed at once because their fd does not fit select's FD_SETSIZE.</summary>
    public long RefusedFdSetSize { get; init; }
    /// <summary>recv calls.</summary>
    public long Reads { get; init; }
    /// <summary>recv calls that returned EAGAIN.</summary>
    public long EagainReads { get; init; }
    /// <summary>send calls.</summary>
    public long Writes { get; init; }
    /// <summary>send calls that returned EAGAIN.</summary>
    public long EagainWrites { get; init; }
    /// <summary>Bytes received.</summary>
    public long BytesIn { get; init; }
    /// <summary>Bytes sent.</summary>
    public long BytesOut { get; init; }
    /// <summary>sendfile calls (file bodies the kernel copies from the page cache to the socket).</summary>
    public long SendFiles { get; init; }
    /// <summary>Bytes sent by sendfile.</summary>
    public long SendFileBytes { get; init; }
    /// <summary>Hand-offs of a ready connection to the worker pool (half-sync/half-async).</summary>
    public long Dispatches { get; init; }
    /// <summary>A second thread found the connection held by another: the race EPOLLONESHOT prevents.</summary>
    public long Collisions { get; init; }
    /// <summary>Readiness reports folded into a dispatch already waiting in the worker queue.</summary>
    public long Coalesced { get; init; }
    /// <summary>Service runs on the loop thread that received the event (one loop per core).</summary>
    public long InlineRuns { get; init; }
    /// <summary>Service runs on a worker thread (half-sync/half-async).</summary>
    public long WorkerRuns { get; init; }
    /// <summary>Leader/follower: the leader handed leadership to a follower before handling its events.</summary>
    public long Promotions { get; init; }
    /// <summary>Leader/follower: service runs by the thread that waited, after it promoted a follower.</summary>
    public long HandlerRuns { get; init; }
    /// <summary>Edge-triggered reads that stopped at ReadBudgetBytes and were re-queued so other peers get a turn.</summary>
    public long BudgetYields { get; init; }
    /// <summary>Times a connection stopped reading because its unsent output reached a limit (backpressure).</summary>
    public long PausedReads { get; init; }
    /// <summary>io_uring: operations submitted (SQEs).</summary>
    public long UringSubmits { get; init; }
    /// <summary>io_uring: completions taken (CQEs).</summary>
    public long UringCompletions { get; init; }
    /// <summary>io_uring: io_uring_enter calls (each submits a batch and waits for completions).</summary>
    public long UringEnters { get; init; }
    /// <summary>io_uring: cancellations of operations in flight (a connection moved out of the ring or closed).</summary>
    public long UringCancels { get; init; }
    /// <summary>Connections closed.</summary>
    public long Closes { get; init; }
    /// <summary>System calls the engine's threads made for connections: waits, recv/send/sendfile, epoll_ctl, accept4, close, io_uring_enter.</summary>
    public long SystemCalls { get; init; }
}
