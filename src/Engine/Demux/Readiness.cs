namespace AdminServer.Engine.Demux;

/// <summary>What a demultiplexer reports for a ready fd, in neutral terms.</summary>
[Flags]
public enum Readiness : byte
{
    None = 0,
    Readable = 1,
    Writable = 2,
    /// <summary>The peer closed its side, or the connection hung up (EPOLLRDHUP/EPOLLHUP, POLLHUP).</summary>
    Hangup = 4,
    /// <summary>An error is pending on the socket: read it with SO_ERROR (EPOLLERR, POLLERR).</summary>
    Error = 8,
    /// <summary>Not an fd event: a posted re-read (the read budget ran out last time).</summary>
    Posted = 16,
}
