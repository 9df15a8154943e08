using System.Net;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Native;
using AdminServer.Engine.Services;
using AdminServer.Engine.Threads;

namespace AdminServer.Engine.Loop;

/// <summary>
/// A listening socket (level-triggered, never ONESHOT: a missed accept edge would strand the
/// backlog), on loop 0. Accepts a bounded batch per wakeup so a connection storm cannot starve
/// I/O, refuses connections past Engine:MaxConnections at once, and hands each new connection to
/// the loop the pattern places it on (one acceptor, round-robin hand-off under one loop per core).
/// </summary>
internal sealed class Acceptor : IChannel
{
    private const int AcceptsPerWakeup = 64;
    private readonly EventLoop _loop;

    public Acceptor(EventLoop loop, string name, IService service, int fd)
    {
        _loop = loop;
        Name = name;
        Service = service;
        Fd = fd;
        LocalEndPoint = Sockets.LocalEndPoint(fd);
    }

    public string Name { get; }
    public IService Service { get; }
    public int Fd { get; }
    public IPEndPoint LocalEndPoint { get; }
    public ulong Token { get; set; }
    public ListenerStats Stats { get; } = new();

    public void OnEvents(Readiness events, EngineThread thread)
    {
        var k = thread.Context.Counters;
        for (int i = 0; i < AcceptsPerWakeup; i++)
        {
            int fd = Sockets.Accept(Fd, out var remote);
            k.SystemCalls++;
            if (fd >= 0)
            {
                k.Accepts++;
                Stats.Accepts++;
                if (!Stats.Enabled)
                {
                    // Disabled (or draining): refused at once rather than left hanging in the backlog.
                    LibC.Close(fd);
                    Stats.Refused++;
                    continue;
                }
                if (!_loop.Runtime.Limit.TryReserve())
                {
                    // Past Engine:MaxConnections: refused at once (the peer sees EOF), so the fds left stay
                    // for the runtime, the admin API and the process manager.
                    LibC.Close(fd);
                    k.RefusedConnections++;
                    Stats.Refused++;
                    continue;
                }
                var target = _loop.Runtime.Place();
                if (target == _loop) _loop.Adopt(this, fd, remote!);
                else target.Post(() => target.Adopt(this, fd, remote!));
                continue;
            }
            var errno = (Errno)(-fd);
            if (errno == Errno.EAGAIN) return;
            if (errno is Errno.EINTR or Errno.ECONNABORTED) continue;
            k.AcceptErrors++;
            Stats.AcceptErrors++;
            if (errno is Errno.EMFILE or Errno.ENFILE)
            {
                // Out of fds: the pending connection would make this LT listener fire forever.
                // Free the spare fd, accept and close the excess peer, then take the spare back;
                // with no spare to free (another thread took the fd), stop watching the listener for a moment.
                if (_loop.ShedOneConnection(Fd)) continue;
                _loop.PauseAccepting(this);
                return;
            }
            _loop.Log($"accept on {Name} failed: {errno}");
            return;
        }
    }
}
