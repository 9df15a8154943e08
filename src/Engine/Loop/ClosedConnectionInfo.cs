namespace AdminServer.Engine.Loop;

/// <summary>A connection that has closed, with why: "peer closed", "closed by admin", or the errno / SO_ERROR name.</summary>
public sealed record ClosedConnectionInfo(long Id, string Service, string Remote, string Reason, long BytesIn, long BytesOut, DateTimeOffset OpenedAt, DateTimeOffset ClosedAt);
