using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;

namespace AdminServer.Engine.Loop;

/// <summary>
/// What a runtime switch did: the mode now in force, fds re-registered (EPOLL_CTL_MOD), how many had to
/// wait for the thread holding them, and how long it took; for a pattern switch, the pattern now in force
/// and how many connections moved from one loop (demultiplexer) to another.
/// </summary>
public sealed record ModeSwitchResult(ConnectionMode Mode, int RearmedFds, int WaitedForWorkers, double ElapsedMs)
{
    public ConcurrencyKind Concurrency { get; init; }
    public int MovedConnections { get; init; }
    public PollerKind Poller { get; init; }
    /// <summary>Fds registered again in a new demultiplexer by a poller switch.</summary>
    public int ReregisteredFds { get; init; }
}
