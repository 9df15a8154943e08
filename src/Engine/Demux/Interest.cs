namespace AdminServer.Engine.Demux;

/// <summary>
/// What a loop asks a demultiplexer to watch on one fd, in neutral terms: no EPOLL* bit or
/// POLL* flag leaves its backend. <see cref="Edge"/> and <see cref="OneShot"/> are requests a
/// backend may only accept if its <see cref="DemuxCapabilities"/> say so.
/// </summary>
[Flags]
public enum Interest : byte
{
    None = 0,
    Readable = 1,
    Writable = 2,
    /// <summary>Report a change of readiness once (epoll's EPOLLET) instead of as long as it lasts.</summary>
    Edge = 4,
    /// <summary>Report once, then stay silent until the fd is modified again (EPOLLONESHOT).</summary>
    OneShot = 8,
}
