namespace AdminServer.Engine.Config;

/// <summary>Who performs the I/O for a connection.</summary>
public enum EventModel
{
    /// <summary>The loop only reports readiness; the thread the pattern chooses reads, runs the service and writes.</summary>
    Reactor,
    /// <summary>Proactor simulated with synchronous I/O: the loop reads and writes, a worker only transforms buffers.</summary>
    Proactor,
    /// <summary>A true proactor on io_uring: the kernel reads into and writes from the engine's buffers and posts completions.</summary>
    IoUring,
}
