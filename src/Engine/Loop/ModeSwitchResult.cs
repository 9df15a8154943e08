using AdminServer.Engine.Config;

namespace AdminServer.Engine.Loop;

/// <summary>What a runtime switch did: the mode now in force, fds re-registered with EPOLL_CTL_MOD, how many had to wait for a worker, and how long it took.</summary>
public sealed record ModeSwitchResult(ConnectionMode Mode, int RearmedFds, int WaitedForWorkers, double ElapsedMs);
