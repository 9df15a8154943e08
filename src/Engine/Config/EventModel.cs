namespace AdminServer.Engine.Config;

/// <summary>Who performs the I/O for a ready connection.</summary>
public enum EventModel
{
    /// <summary>The loop only reports readiness; a worker reads, runs the service and writes.</summary>
    Reactor,
    /// <summary>Proactor simulated with synchronous I/O: the loop reads and writes, a worker only transforms buffers.</summary>
    Proactor,
}
