using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Threads;

namespace AdminServer.Engine.Concurrency;

/// <summary>
/// One loop per core (muduo's one loop per thread, nginx's worker per core): every step of a
/// ready connection runs on the loop that received its event. No queue, no hop, no lock.
/// </summary>
internal sealed class LoopPerCorePattern : IConcurrencyPattern
{
    public ConcurrencyKind Kind => ConcurrencyKind.LoopPerCore;

    public bool UsesEveryLoop => true;

    public void OnReady(EventLoop loop, Connection c, Readiness events, EngineThread thread) => loop.RunInline(c, thread);
}
