using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Io;
using AdminServer.Engine.Loop;

namespace AdminServer.Engine.Models;

/// <summary>
/// Who does the I/O for a ready connection under half-sync/half-async. The loop calls
/// <see cref="OnReady"/> and <see cref="OnWorkDone"/> on its own thread; a worker calls
/// <see cref="Run"/> holding the connection's guard.
/// </summary>
internal interface IEventModel
{
    EventModel Kind { get; }

    /// <summary>Loop thread: the demultiplexer reported <paramref name="events"/> (or a posted re-read).</summary>
    void OnReady(EventLoop loop, Connection c, Readiness events);

    /// <summary>Worker thread, guard held: the service step and, for the reactor, the socket I/O.</summary>
    WorkResult Run(Connection c, IoContext w);

    /// <summary>Loop thread: a worker handed the connection back with a result that is the newest so far.</summary>
    void OnWorkDone(EventLoop loop, Connection c, WorkResult result);

    /// <summary>Loop thread: stop reading from this peer (backpressure, or nothing more will be read).</summary>
    bool IsReadPaused(EventLoop loop, Connection c);

    /// <summary>Loop thread: there is output waiting for the socket to become writable.</summary>
    bool WantsWrite(Connection c);

    /// <summary>Loop thread, nobody holding it: everything received has been answered and sent.</summary>
    bool IsDrained(Connection c);
}
