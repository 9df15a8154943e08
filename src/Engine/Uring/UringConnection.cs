using System.Runtime.InteropServices;

namespace AdminServer.Engine.Uring;

/// <summary>
/// A connection's io_uring state: the native buffers the kernel reads into and writes from (native memory:
/// the GC never moves it while an operation is in flight), and which operations are in flight. Unsent bytes
/// stay in the connection's output queue; a SEND takes a copy of its head, and only what the kernel reports
/// sent is consumed, so a cancelled or partial send loses nothing and the next model finds the rest.
/// </summary>
internal sealed unsafe class UringConnection : IDisposable
{
    public const int RecvSize = 16 * 1024;
    public const int SendSize = 16 * 1024;

    public byte* RecvBuffer { get; } = (byte*)NativeMemory.Alloc(RecvSize);
    public byte* SendBuffer { get; } = (byte*)NativeMemory.Alloc(SendSize);

    public bool RecvInFlight;
    public bool SendInFlight;
    public int CancelsInFlight;
    public bool Cancelling;      // cancels were asked for: nothing new is submitted until everything came back

    public int InFlight => (RecvInFlight ? 1 : 0) + (SendInFlight ? 1 : 0) + CancelsInFlight;

    public void Dispose()
    {
        NativeMemory.Free(RecvBuffer);
        NativeMemory.Free(SendBuffer);
    }
}
