using AdminServer.Engine.Demux;
using AdminServer.Engine.Native;
using AdminServer.Engine.Threads;

namespace AdminServer.Engine.Loop;

/// <summary>The eventfd other threads write to wake the loop; reading it just resets the counter.</summary>
internal sealed class WakeupChannel(EventFd eventFd) : IChannel
{
    public void OnEvents(Readiness events, EngineThread thread) => eventFd.Drain();
}
