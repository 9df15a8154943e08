namespace AdminServer.AdminUi.Components.Teaching;

/// <summary>One line per counter of the Dashboard's "Now" panel and the per-loop cards: what it counts and why it moves.</summary>
public static class CounterLessons
{
    public const string Connections = "Open TCP connections across every loop.";
    public const string Workers = "Threads of the worker pool (the synchronous half of half-sync/half-async; idle under the other patterns).";
    public const string WorkerQueue = "Ready connections waiting for a worker: grows when the service is slower than the arrivals.";
    public const string Bytes = "Bytes received and sent per second over all connections.";
    public const string Waits = "Calls to epoll_wait / poll / select per second. An idle loop sleeps in one until the next event or timer.";
    public const string EventsPerWait = "Ready fds one wait returned: more work per system call when high. LT keeps reporting undrained sockets, so it grows under LT.";
    public const string FdsScanned = "Fds the demultiplexer examined per wait: every registered fd for poll and select, only the ready ones for epoll.";
    public const string Eagain = "recv calls that found nothing (EAGAIN): edge-triggered reads end with one; many mean wasted calls.";
    public const string Collisions = "A second thread found a connection already held by another: the race EPOLLONESHOT exists to prevent.";
    public const string Stale = "Events for an fd whose connection had already closed (its slot's generation moved on): dropped, like nginx's instance bit.";
    public const string Accepts = "Connections accepted since start.";
    public const string Closes = "Connections closed since start (see the Connections page's Closed tab for why).";
    public const string EpollCtls = "Interest changes per second (epoll_ctl): one per message with ONESHOT (the re-arm), few without.";
    public const string Dispatches = "Hand-offs of a ready connection from the loop to the worker pool per second (half-sync/half-async).";
    public const string InlineRuns = "Service runs on the very loop thread that got the event, per second (one loop per core).";
    public const string Promotions = "Leader/follower: times per second the leader handed leadership to a follower before handling its events.";
}
