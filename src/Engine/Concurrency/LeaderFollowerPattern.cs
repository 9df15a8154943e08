using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Threads;

namespace AdminServer.Engine.Concurrency;

/// <summary>
/// Leader/follower: several threads share loop 0's demultiplexer and exactly one, the leader,
/// waits in it. What the leader receives it claims (takes the connection's guard), then it
/// promotes a follower to leader and handles its claims itself: read, service, write, re-arm.
/// No queue and no hand-off; without ONESHOT the new leader can receive an fd the old one is
/// still reading, and the guard counts that as a collision.
/// </summary>
internal sealed class LeaderFollowerPattern : IConcurrencyPattern
{
    public ConcurrencyKind Kind => ConcurrencyKind.LeaderFollower;

    public bool UsesEveryLoop => false;

    public void OnReady(EventLoop loop, Connection c, Readiness events, EngineThread thread) => loop.Claim(c, thread);
}
