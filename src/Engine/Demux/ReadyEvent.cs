namespace AdminServer.Engine.Demux;

/// <summary>One ready fd: the token it was registered with and what it is ready for.</summary>
public readonly record struct ReadyEvent(ulong Token, Readiness Events);
