using AdminServer.Engine.Config;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Workers;

namespace AdminServer.Engine.Models;

/// <summary>
/// Who does the I/O for a ready connection. The loop calls <see cref="OnReady"/> and
/// <see cref="OnWorkDone"/> on its own thread; a worker calls <see cref="Run"/> holding the connection's guard.
/// </summary>
internal interface IEventModel
{
    EventModel Kind { get; }

    /// <summary>Loop thread: epoll reported <paramref name="events"/> (or a posted re-read when 0).</summary>
    void OnReady(EventLoop loop, Connection c, uint events);

    /// <summary>Worker thread, guard held: the service step and, for the reactor, the socket I/O.</summary>
    WorkResult Run(Connection c, WorkerContext w);

    /// <summary>Loop thread: a worker handed the connection back with a result that is the newest so far.</summary>
    void OnWorkDone(EventLoop loop, Connection c, WorkResult result);

    /// <summary>Loop thread: unsent bytes that should stop reading from this peer.</summary>
    bool IsBackpressured(Connection c, int maxPendingBytes);

    /// <summary>Loop thread: there is output waiting for EPOLLOUT.</summary>
    bool WantsWrite(Connection c);

    /// <summary>Loop thread, no worker holding it: everything received has been answered and sent.</summary>
    bool IsDrained(Connection c);
}
