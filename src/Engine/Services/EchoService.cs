using AdminServer.Engine.Buffers;

namespace AdminServer.Engine.Services;

/// <summary>RFC 862: every byte received is sent back.</summary>
public sealed class EchoService : IService
{
    public string Name => "echo";

    public void OnData(ReadOnlySpan<byte> received, ByteQueue reply) => reply.Append(received);
}
