using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;

namespace AdminServer.AdminUi.Components.Teaching;

/// <summary>
/// The teaching text of the engine's controls: for each choice, what it is (one or two sentences, in
/// the terms of the book and of epoll(7)) and what to watch after switching to it. Kept in one place so
/// the Dashboard and the Threads page say the same thing.
/// </summary>
public static class EngineLessons
{
    public static Lesson Pattern(ConcurrencyKind kind) => kind switch
    {
        ConcurrencyKind.LoopPerCore => new(
            "One event loop per core (muduo, nginx): each loop has its own epoll instance and thread; a connection stays on one loop, which reads it, runs the service and writes the reply itself. No queue, no hand-off.",
            "Inline runs/s carry all the work, dispatches and promotions stay at 0; on Threads every loop thread shows CPU, the workers none."),
        ConcurrencyKind.HalfSyncHalfAsync => new(
            "Half-sync/half-async: one loop waits for readiness (the asynchronous half) and queues ready connections; worker threads take them and run the blocking-style service code (the synchronous half).",
            "Dispatches/s and worker runs/s rise, the worker queue fills under load; each message crosses two threads (loop → worker → loop), which costs CPU per request."),
        ConcurrencyKind.LeaderFollower => new(
            "Leader/follower: a set of threads shares one epoll instance; only the leader waits. When it gets events it promotes a follower to be the next leader and handles what it received itself: no queue, no hand-off.",
            "Promotions/s and handler runs/s rise; on Threads the roles move (leader, follower, handling). Without ONESHOT the new leader can get a socket the old one is still reading: collisions."),
        _ => new("", ""),
    };

    public static Lesson Poller(PollerKind kind) => kind switch
    {
        PollerKind.Epoll => new(
            "epoll: the interest list lives in the kernel, which queues a socket when it becomes ready; epoll_wait returns only the ready ones. A wait costs in proportion to the ready fds, not the open ones.",
            "Fds scanned per wait ≈ events per wait, however many idle connections are open. ET and ONESHOT are available."),
        PollerKind.Poll => new(
            "poll: the whole array of fds is handed to the kernel on every call, which checks each one and returns them all with their readiness. Level-triggered only.",
            "Fds scanned per wait = every registered fd: it grows with each idle connection while events per wait do not. Switching needs LT (ET is refused with 409)."),
        PollerKind.Select => new(
            "select: bitmaps of fds (fd_set, fds 0-1023 only) are copied in and scanned on every call. Level-triggered only; the oldest interface.",
            "Like poll, fds scanned per wait grows with idle connections. An fd of 1024 or more cannot be watched: switching is refused while one is open, and such new connections are refused."),
        _ => new("", ""),
    };

    public static Lesson Trigger(TriggerMode mode) => mode switch
    {
        TriggerMode.ET => new(
            "Edge-triggered: the kernel reports a socket once, when data arrives; the engine must read until EAGAIN (with a per-wakeup budget so one peer cannot starve the rest).",
            "About one EAGAIN read per readiness, few events per wait. Poll and select cannot do this (they are refused while ET is on)."),
        TriggerMode.LT => new(
            "Level-triggered: the kernel reports a socket on every wait for as long as unread data remains; one read per report is enough, the kernel reminds you.",
            "LT without ONESHOT: expect epoll_wait calls and collisions to rise — a socket a worker has not drained yet is reported again and again."),
        _ => new("", ""),
    };

    public static Lesson OneShot(bool on) => on
        ? new("EPOLLONESHOT: after one event the socket is silent until its handler re-arms it (epoll_ctl MOD), so only one thread ever works on a socket at a time.",
              "Collisions stay at 0 under every pattern; epoll_ctl calls rise by about one per message (the re-arm).")
        : new("Without EPOLLONESHOT a socket stays armed while it is being handled: another thread can be told about it again before the first is done.",
              "Fewer epoll_ctl calls; under half-sync/half-async or leader/follower with LT, collisions appear (two threads reached one socket, one backs off).");

    public static Lesson Model(EventModel model) => model switch
    {
        EventModel.Reactor => new(
            "Reactor: the demultiplexer only says a socket is ready; the thread that handles it reads the request, runs the service and writes the reply.",
            "Reads and writes happen on whichever thread the pattern gives the connection (a worker under half-sync/half-async)."),
        EventModel.Proactor => new(
            "Proactor, simulated with synchronous I/O: the loop reads the data and later writes the reply; workers only ever see completed reads and run the service on the buffer. Half-sync/half-async only.",
            "Workers still run the service, but all recv/send happen on the loop thread; other patterns refuse it (409)."),
        EventModel.IoUring => new(
            "A true proactor on io_uring: the engine hands the kernel reads and writes into its own buffers; the loop only collects completions. No readiness, so trigger and ONESHOT do not apply.",
            "Expect system calls per request to fall far below 1 (one io_uring_enter per loop turn), uringSubmits and uringCompletions to climb, and reads/writes to count completions. Leader/follower refuses it (409)."),
        _ => new("", ""),
    };
}
