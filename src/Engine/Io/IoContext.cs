using AdminServer.Engine.Buffers;
using AdminServer.Engine.Metrics;
using AdminServer.Engine.Services;

namespace AdminServer.Engine.Io;

/// <summary>
/// What one I/O thread (a loop, a worker, a leader/follower thread) owns and reuses for every
/// connection it handles: its read buffer, its reply buffer, its counters and its clock reading.
/// </summary>
internal sealed class IoContext
{
    public byte[] ReadBuffer { get; } = new byte[64 * 1024];
    public SessionOutput Output { get; }
    /// <summary>Proactor workers: the completed input taken from a connection.</summary>
    public ByteQueue Input { get; } = new();
    /// <summary>Proactor workers: a reply being assembled before it is handed to the loop.</summary>
    public ByteQueue Scratch { get; } = new();
    public IoCounters Counters { get; } = new();

    /// <summary>This thread's row in per-thread tables such as <see cref="Metrics.LatencyHistogram"/>.</summary>
    public int Slot { get; } = Metrics.EngineThreadSlots.Next();

    public IoContext() => Output = new SessionOutput(Slot);

    /// <summary>
    /// Milliseconds of the monotonic clock, read once per loop turn (after the wait returns) or per
    /// dispatch, not per read: activity stamps use it, and it is never earlier than the data it stamps.
    /// </summary>
    public long NowMs;
}
