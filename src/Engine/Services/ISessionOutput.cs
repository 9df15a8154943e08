using System.Buffers;

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
}
