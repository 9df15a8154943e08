using AdminServer.Engine.Demux;
using AdminServer.Engine.Threads;

namespace AdminServer.Engine.Loop;

/// <summary>
/// Something registered with a loop's demultiplexer (muduo's Channel): the loop looks it up by
/// the slot index in the token and hands it the ready events, on the thread that waited.
/// </summary>
internal interface IChannel
{
    void OnEvents(Readiness events, EngineThread thread);
}
