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
        _pausedAcceptors.RemoveAll(p => p.Acceptor == a);
        _channels.Remove(a.Token);
        _demux.Remove(a.Fd, closing: true);
        Native.LibC.Close(a.Fd);
    }

    public bool ShedOneConnection(int listenFd) => _spareFd?.ShedOne(listenFd) ?? false;

    /// <summary>How long a listener stops accepting when the fd table is full and shedding failed (nginx disables accept events likewise).</summary>
    public const int AcceptBackoffMs = 100;

    private readonly List<(Acceptor Acceptor, long ResumeAtMs)> _pausedAcceptors = [];

    /// <summary>
    /// Loop thread: out of fds with nothing to shed with: stop watching the listener for a while instead of letting
    /// its level-triggered readiness spin the loop; it is watched again after <see cref="AcceptBackoffMs"/>.
    /// </summary>
    public void PauseAccepting(Acceptor a)
    {
        if (_pausedAcceptors.Exists(p => p.Acceptor == a)) return;
        _demux.Modify(a.Fd, a.Token, Interest.None);
        _pausedAcceptors.Add((a, MonotonicClock.NowMs + AcceptBackoffMs));
        Context.Counters.EpollCtls++;
    }

    private void ResumeAcceptors(long now)
    {
        for (int i = _pausedAcceptors.Count - 1; i >= 0; i--)
        {
            var (a, resumeAt) = _pausedAcceptors[i];
            if (resumeAt > now) continue;
            _pausedAcceptors.RemoveAt(i);
            if (_acceptors.Contains(a)) _demux.Modify(a.Fd, a.Token, Interest.Readable);
        }
    }

    /// <summary>Caps the wait so a paused listener is watched again on time.</summary>
    private int AcceptBackoffTimeout(int timeout)
    {
        if (_pausedAcceptors.Count == 0) return timeout;
        long wait = Math.Max(0, _pausedAcceptors.Min(p => p.ResumeAtMs) - MonotonicClock.NowMs);
        return timeout < 0 ? (int)wait : (int)Math.Min(timeout, wait);
    }

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
