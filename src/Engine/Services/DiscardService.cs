using AdminServer.Engine.Buffers;

namespace AdminServer.Engine.Services;

/// <summary>RFC 863: every byte received is thrown away.</summary>
public sealed class DiscardService : IService
{
    public string Name => "discard";

    public void OnData(ReadOnlySpan<byte> received, ByteQueue reply)
    {
    }
}
