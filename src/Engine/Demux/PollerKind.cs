namespace AdminServer.Engine.Demux;

/// <summary>The readiness demultiplexers a loop can wait with (Engine:Poller).</summary>
public enum PollerKind
{
    Epoll,
    Poll,
    Select,
}
