using AdminServer.Engine.Buffers;

namespace AdminServer.Engine.Services;

/// <summary>
/// The application logic behind a listener: turns received bytes into reply bytes.
/// Called on a worker thread, at most once at a time per connection, in arrival order.
/// </summary>
public interface IService
{
    string Name { get; }

    void OnData(ReadOnlySpan<byte> received, ByteQueue reply);
}
