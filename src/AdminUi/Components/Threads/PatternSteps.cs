using AdminServer.Engine.Config;

namespace AdminServer.AdminUi.Components.Threads;

/// <summary>
/// Who does what for one request under the pattern in force: wait for readiness, read, run the
/// service, write. The thread names are the engine's own (adminserver-loop-N, -worker-N, -lf-N), so the
/// diagram can be matched with the table of live threads below it.
/// </summary>
public static class PatternSteps
{
    public static IReadOnlyList<PatternStep> For(ConcurrencyKind pattern, EventModel model, bool oneShot) => pattern switch
    {
        ConcurrencyKind.LoopPerCore =>
        [
            new("wait", "adminserver-loop-N", "epoll_wait on loop N's own epoll instance returns the ready socket", 0),
            new("read", "adminserver-loop-N", "recv until EAGAIN (ET) or once (LT), on the same thread", 0),
            new("service", "adminserver-loop-N", "the service runs inline: no queue, no hand-off", 0),
            new("write", "adminserver-loop-N", "send at once; only what the kernel does not take waits for EPOLLOUT", 0),
        ],
        ConcurrencyKind.HalfSyncHalfAsync when model == EventModel.Proactor =>
        [
            new("wait", "adminserver-loop-0", "epoll_wait reports the socket ready", 0),
            new("read", "adminserver-loop-0", "the loop itself reads the data (a simulated proactor completes the I/O)", 0),
            new("queue", "adminserver-loop-0 → worker", "the completed read is queued for the worker pool", 0),
            new("service", "adminserver-worker-N", "a worker runs the service on the buffer: it never touches the socket", 1),
            new("write", "adminserver-loop-0", "the reply goes back to the loop, which sends it" + (oneShot ? " and re-arms the socket (ONESHOT)" : ""), 0),
        ],
        ConcurrencyKind.HalfSyncHalfAsync =>
        [
            new("wait", "adminserver-loop-0", "epoll_wait reports the socket ready", 0),
            new("queue", "adminserver-loop-0 → worker", "the ready connection is queued for the worker pool (the hand-off)", 0),
            new("read", "adminserver-worker-N", "the worker reads the socket (reactor: the handler does the I/O)", 1),
            new("service", "adminserver-worker-N", "the worker runs the service", 1),
            new("write", "adminserver-worker-N", "the worker sends the reply, then hands the connection back to loop 0" + (oneShot ? " to re-arm it (ONESHOT)" : ""), 1),
        ],
        ConcurrencyKind.LeaderFollower =>
        [
            new("wait", "leader (adminserver-lf-N)", "the one leader thread waits in epoll_wait on the shared epoll instance", 0),
            new("promote", "leader → a follower", "it makes a follower the new leader, which goes back to waiting", 1),
            new("read", "former leader", "the thread that waited reads the socket itself", 0),
            new("service", "former leader", "and runs the service", 0),
            new("write", "former leader", "and sends the reply" + (oneShot ? ", re-arms the socket (ONESHOT) and becomes a follower" : "; without ONESHOT the new leader may get this socket again meanwhile: a collision"), 0),
        ],
        _ => [],
    };
}
