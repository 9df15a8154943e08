namespace AdminServer.Engine;

/// <summary>Whether the IoUring event model can be used in this process, and if not, why (found once at start).</summary>
public sealed record IoUringStatus(bool Available, string? Reason);
