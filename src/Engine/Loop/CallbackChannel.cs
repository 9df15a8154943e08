using AdminServer.Engine.Demux;
using AdminServer.Engine.Threads;

namespace AdminServer.Engine.Loop;

/// <summary>A watched fd whose readiness runs a callback on the loop thread (the signal pipe, for one).</summary>
internal sealed class CallbackChannel(Action onReadable) : IChannel
{
    public void OnEvents(Readiness events, EngineThread thread) => onReadable();
}
