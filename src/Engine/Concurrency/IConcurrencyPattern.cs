using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Threads;

namespace AdminServer.Engine.Concurrency;

/// <summary>
/// A concurrency pattern decides which thread runs which step of a ready connection, and where a
/// new connection lives. The loop mechanics (inline run, dispatch, claim) are the loop's; a
/// pattern only chooses among them, so adding one is one type plus one line in <see cref="ConcurrencyPatterns"/>.
/// </summary>
internal interface IConcurrencyPattern
{
    ConcurrencyKind Kind { get; }

    /// <summary>True if connections are spread over every loop; false if they all live on loop 0.</summary>
    bool UsesEveryLoop { get; }

    /// <summary>On the thread that waited (the loop's own, or the leader): a Reactor connection is ready.</summary>
    void OnReady(EventLoop loop, Connection c, Readiness events, EngineThread thread);
}
