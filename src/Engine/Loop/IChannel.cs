namespace AdminServer.Engine.Loop;

/// <summary>
/// Something registered with a loop's epoll (muduo's Channel): the loop looks it up by
/// the slot index in epoll data and hands it the ready events.
/// </summary>
internal interface IChannel
{
    void OnEvents(uint events);
}
