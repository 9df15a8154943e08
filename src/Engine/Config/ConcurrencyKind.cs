namespace AdminServer.Engine.Config;

/// <summary>Which thread runs which step of a ready connection (Engine:Concurrency).</summary>
public enum ConcurrencyKind
{
    /// <summary>One loop per core (muduo, nginx): each connection lives on one loop, which reads, runs the service and writes inline.</summary>
    LoopPerCore,
    /// <summary>Half-sync/half-async: one loop demultiplexes, a worker pool runs the service (Reactor or simulated Proactor).</summary>
    HalfSyncHalfAsync,
    /// <summary>Leader/follower: threads share one demultiplexer; the leader waits, promotes a follower, then handles what it got.</summary>
    LeaderFollower,
}
