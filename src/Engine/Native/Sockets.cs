using System.Net;

namespace AdminServer.Engine.Native;

/// <summary>Socket system calls with errno turned into results or typed exceptions.</summary>
internal static unsafe class Sockets
{
    /// <summary>A non-blocking, close-on-exec listening socket bound to <paramref name="ep"/>.</summary>
    public static int Listen(IPEndPoint ep, int backlog)
    {
        int fd = LibC.Socket(Consts.AF_INET, Consts.SOCK_STREAM | Consts.SOCK_NONBLOCK | Consts.SOCK_CLOEXEC, 0);
        if (fd < 0) throw ErrnoException.Last("socket");
        try
        {
            SetInt(fd, Consts.SOL_SOCKET, Consts.SO_REUSEADDR, 1);
            var addr = SockAddrIn.From(ep);
            if (LibC.Bind(fd, &addr, (uint)sizeof(SockAddrIn)) < 0) throw ErrnoException.Last($"bind {ep}");
            if (LibC.Listen(fd, backlog) < 0) throw ErrnoException.Last("listen");
            return fd;
        }
        catch
        {
            LibC.Close(fd);
            throw;
        }
    }

    /// <summary>accept4 with SOCK_NONBLOCK|SOCK_CLOEXEC; returns the fd or -errno.</summary>
    public static int Accept(int listenFd, out IPEndPoint? remote)
    {
        SockAddrIn addr;
        uint len = (uint)sizeof(SockAddrIn);
        int fd = LibC.Accept4(listenFd, &addr, &len, Consts.SOCK_NONBLOCK | Consts.SOCK_CLOEXEC);
        if (fd < 0)
        {
            remote = null;
            return -System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        }
        remote = addr.ToEndPoint();
        return fd;
    }

    public static IPEndPoint LocalEndPoint(int fd)
    {
        SockAddrIn addr;
        uint len = (uint)sizeof(SockAddrIn);
        if (LibC.GetSockName(fd, &addr, &len) < 0) throw ErrnoException.Last("getsockname");
        return addr.ToEndPoint();
    }

    public static void SetInt(int fd, int level, int name, int value)
    {
        if (LibC.SetSockOpt(fd, level, name, &value, sizeof(int)) < 0) throw ErrnoException.Last($"setsockopt {name}");
    }

    /// <summary>The pending socket error (SO_ERROR), which also clears it.</summary>
    public static Errno PendingError(int fd)
    {
        int value = 0;
        uint len = sizeof(int);
        if (LibC.GetSockOpt(fd, Consts.SOL_SOCKET, Consts.SO_ERROR, &value, &len) < 0)
            return (Errno)System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        return (Errno)value;
    }

    /// <summary>recv into <paramref name="buf"/>: bytes read, 0 at EOF, or -errno.</summary>
    public static int Receive(int fd, Span<byte> buf)
    {
        fixed (byte* p = buf)
        {
            nint n = LibC.Recv(fd, p, (nuint)buf.Length, 0);
            return n >= 0 ? (int)n : -System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>send with MSG_NOSIGNAL (a dead peer gives EPIPE, never SIGPIPE): bytes sent or -errno.</summary>
    public static int Send(int fd, ReadOnlySpan<byte> buf)
    {
        fixed (byte* p = buf)
        {
            nint n = LibC.Send(fd, p, (nuint)buf.Length, Consts.MSG_NOSIGNAL);
            return n >= 0 ? (int)n : -System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>sendfile(2) from <paramref name="file"/> at <paramref name="offset"/>: bytes sent or -errno. A broken pipe is EPIPE, never SIGPIPE
    /// (the runtime ignores SIGPIPE, and the engine handles every other send with MSG_NOSIGNAL).</summary>
    public static long SendFile(int socket, int file, long offset, long count)
    {
        long off = offset;
        nint n = LibC.SendFile(socket, file, &off, (nuint)count);
        return n >= 0 ? n : -System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
    }

    public static void Close(int fd) => LibC.Close(fd);
}
