namespace AdminServer.Engine.Loop;

/// <summary>One row of the live connection table, copied out by the owning loop.</summary>
public sealed record ConnectionInfo(
    long Id,
    string Service,
    string Listener,
    string Remote,
    string State,
    string Mode,
    long BytesIn,
    long BytesOut,
    int PendingBytes,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastActivityAt,
    string Loop,
    long? IdleTimerDueInMs);
