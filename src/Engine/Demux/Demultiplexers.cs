namespace AdminServer.Engine.Demux;

/// <summary>The registry of demultiplexer backends (one line per backend, like TimerQueues.Create).</summary>
internal static class Demultiplexers
{
    public static IDemultiplexer Create(PollerKind kind) => kind switch
    {
        PollerKind.Epoll => new EpollDemultiplexer(),
        PollerKind.Poll => new PollDemultiplexer(),
        PollerKind.Select => new SelectDemultiplexer(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown poller"),
    };
}
