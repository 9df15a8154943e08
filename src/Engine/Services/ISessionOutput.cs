using System.Buffers;
using AdminServer.Engine.Buffers;

namespace AdminServer.Engine.Services;

/// <summary>
/// Where a session writes its reply. The engine sends it straight from this buffer when nothing
/// is queued for the connection (write-through) and queues only what the socket would not take.
/// </summary>
public interface ISessionOutput : IBufferWriter<byte>
{
    /// <summary>Bytes written so far in this call.</summary>
    int Written { get; }

    void Write(ReadOnlySpan<byte> bytes);

    /// <summary>Close the connection once everything written so far has been sent (an HTTP "Connection: close").</summary>
    void CloseAfterFlush();

    /// <summary>Sends <paramref name="file"/> after the bytes written so far, with sendfile(2): the body never enters this process.</summary>
    void SendFile(FileRange file);

    /// <summary>The monotonic clock in ms as the calling I/O thread last read it (once per loop turn or dispatch).</summary>
    long NowMs { get; }

    /// <summary>The calling I/O thread's slot, for per-thread counter rows that need no interlocked operation.</summary>
    int ThreadSlot { get; }
}
