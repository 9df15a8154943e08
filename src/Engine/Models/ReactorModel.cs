using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Io;
using AdminServer.Engine.Loop;

namespace AdminServer.Engine.Models;

/// <summary>
/// Reactor: the loop only demultiplexes; a worker reads, runs the service and writes
/// (<see cref="ReactorIo"/>), then hands the connection back for the loop to re-arm.
/// </summary>
internal sealed class ReactorModel : IEventModel
{
    public EventModel Kind => EventModel.Reactor;

    public void OnReady(EventLoop loop, Connection c, Readiness events) => loop.Dispatch(c);

    public WorkResult Run(Connection c, IoContext w) => ReactorIo.Run(c, w);

    public void OnWorkDone(EventLoop loop, Connection c, WorkResult result)
    {
        c.WantWrite = result.WantWrite;
        c.ReadPaused = result.ReadPaused;
        if (result.MoreToRead) loop.PostReRead(c);
    }

    public bool IsReadPaused(EventLoop loop, Connection c) => c.ReadPaused;

    public bool WantsWrite(Connection c) => c.WantWrite;

    public bool IsDrained(Connection c) => c.Outbox.IsEmpty;
}
