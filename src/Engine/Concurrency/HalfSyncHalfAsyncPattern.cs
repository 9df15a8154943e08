using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Threads;

namespace AdminServer.Engine.Concurrency;

/// <summary>
/// Half-sync/half-async: the loop (asynchronous half) demultiplexes and hands ready connections
/// to the worker pool (synchronous half) through a queue; the event model decides whether the
/// worker does the I/O (Reactor) or only runs the service on bytes the loop read (Proactor).
/// </summary>
internal sealed class HalfSyncHalfAsyncPattern : IConcurrencyPattern
{
    public ConcurrencyKind Kind => ConcurrencyKind.HalfSyncHalfAsync;

    public bool UsesEveryLoop => false;

    public void OnReady(EventLoop loop, Connection c, Readiness events, EngineThread thread) => loop.HandOff(c, events);
}
