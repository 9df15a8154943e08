namespace AdminServer.Engine.Demux;

/// <summary>
/// A readiness demultiplexer, as small as Redis's ae backends or muduo's Poller: register,
/// change or remove an fd's interest, and wait for ready fds. One loop owns one. Tokens are
/// opaque to the backend (the loop's generation | slot), so stale events can be recognised.
/// </summary>
public interface IDemultiplexer : IDisposable
{
    PollerKind Kind { get; }

    DemuxCapabilities Capabilities { get; }

    /// <summary>Fds registered right now.</summary>
    int Count { get; }

    void Add(int fd, ulong token, Interest interest);

    void Modify(int fd, ulong token, Interest interest);

    /// <summary>
    /// Stops watching <paramref name="fd"/>. <paramref name="closing"/>: the caller closes the fd
    /// right after, which is enough for epoll (its set drops a closed file by itself), so it skips the call.
    /// </summary>
    void Remove(int fd, bool closing);

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> (-1: forever) and fills <paramref name="ready"/>;
    /// returns how many, 0 on timeout or EINTR. <paramref name="scanned"/> is how many fds the
    /// backend examined to find them: every registered fd for select and poll, only the ready
    /// ones for epoll (the kernel queued them as they became ready).
    /// </summary>
    int Wait(Span<ReadyEvent> ready, int timeoutMs, out int scanned);
}
