using System.Net;
using AdminServer.Engine.Demux;

namespace AdminServer.Engine.Loop;

/// <summary>Listeners and other watched fds: registered and closed by the loop itself.</summary>
internal sealed partial class EventLoop
{
    private readonly List<(int Fd, ulong Token)> _watched = [];

    /// <summary>Registers an already bound, listening socket (bind in the caller, so errors reach it before anything changes).</summary>
    public Task<Acceptor> AddListenerAsync(string name, Services.IService service, int fd) => InvokeAsync(() =>
    {
        var acceptor = new Acceptor(this, name, service, fd);
        acceptor.Token = _channels.Add(acceptor);
        _demux.Add(fd, acceptor.Token, Interest.Readable); // level-triggered, never ONESHOT
        Context.Counters.EpollCtls++;
        _acceptors.Add(acceptor);
        _spareFd ??= new SpareFd();
        return acceptor;
    });

    /// <summary>Closes a listener; the connections it accepted stay open.</summary>
    public Task<bool> RemoveListenerAsync(string name) => InvokeAsync(() =>
    {
        var acceptor = _acceptors.Find(a => a.Name == name);
        if (acceptor is null) return false;
        CloseAcceptor(acceptor);
        _acceptors.Remove(acceptor);
        return true;
    });

    private void CloseAcceptor(Acceptor a)
    {
        _channels.Remove(a.Token);
        _demux.Remove(a.Fd, closing: true);
        Native.LibC.Close(a.Fd);
    }

    public void ShedOneConnection(int listenFd) => _spareFd?.ShedOne(listenFd);

    /// <summary>
    /// Watches another fd (level-triggered) and runs <paramref name="onReadable"/> on this loop's
    /// thread when it is readable: how signals become ordinary loop events.
    /// </summary>
    public Task WatchAsync(int fd, Action onReadable) => InvokeAsync(() =>
    {
        var channel = new CallbackChannel(onReadable);
        ulong token = _channels.Add(channel);
        _demux.Add(fd, token, Interest.Readable);
        _watched.Add((fd, token));
        Context.Counters.EpollCtls++;
        return true;
    });
}
