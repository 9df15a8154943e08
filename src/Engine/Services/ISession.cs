namespace AdminServer.Engine.Services;

/// <summary>
/// One connection's application state. Called by whichever thread holds the connection (its
/// loop, a worker, or the leader/follower thread that received the event), never by two at
/// once, with the bytes in arrival order. Must not block: it may run on an event loop.
/// </summary>
public interface ISession
{
    /// <summary>
    /// Consumes a prefix of <paramref name="input"/> and writes any reply into <paramref name="output"/>;
    /// returns how many bytes it consumed. Bytes it leaves are presented again, followed by whatever
    /// arrives next, on the following call (a request split across reads).
    /// </summary>
    int OnData(ReadOnlySpan<byte> input, ISessionOutput output);
}
