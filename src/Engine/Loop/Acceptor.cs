using System.Net;
using AdminServer.Engine.Native;
using AdminServer.Engine.Services;

namespace AdminServer.Engine.Loop;

/// <summary>
/// A listening socket (level-triggered, never ONESHOT: a missed accept edge would strand the
/// backlog). Accepts a bounded batch per wakeup so a connection storm cannot starve I/O.
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

    public void OnEvents(uint events)
    {
        for (int i = 0; i < AcceptsPerWakeup; i++)
        {
            int fd = Sockets.Accept(Fd, out var remote);
            if (fd >= 0)
            {
                _loop.Counters.Accepts++;
                _loop.Adopt(this, fd, remote!);
                continue;
            }
            var errno = (Errno)(-fd);
            if (errno == Errno.EAGAIN) return;
            if (errno is Errno.EINTR or Errno.ECONNABORTED) continue;
            _loop.Counters.AcceptErrors++;
            if (errno is Errno.EMFILE or Errno.ENFILE)
            {
                // Out of fds: the pending connection would make this LT listener fire forever.
                // Free the spare fd, accept and close the excess peer, then take the spare back.
                _loop.ShedOneConnection(Fd);
                continue;
            }
            _loop.Log($"accept on {Name} failed: {errno}");
            return;
        }
    }
}
