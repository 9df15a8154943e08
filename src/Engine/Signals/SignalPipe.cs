using AdminServer.Engine.Native;

namespace AdminServer.Engine.Signals;

/// <summary>
/// The self-pipe of the classic unified signal source: a signal handler only writes the signal
/// number (one byte) into it; the event loop watches the read end like any socket.
/// Both ends are non-blocking, so a full pipe drops a byte instead of blocking a handler.
/// </summary>
internal sealed unsafe class SignalPipe : IDisposable
{
    public SignalPipe()
    {
        int* fds = stackalloc int[2];
        if (LibC.Pipe2(fds, LibC.O_NONBLOCK | Consts.O_CLOEXEC) < 0) throw ErrnoException.Last("pipe2");
        ReadFd = fds[0];
        WriteFd = fds[1];
    }

    public int ReadFd { get; }
    public int WriteFd { get; }

    public void Write(int signal)
    {
        byte b = (byte)signal;
        LibC.Write(WriteFd, &b, 1);
    }

    /// <summary>Reads every pending signal number into <paramref name="into"/>.</summary>
    public void ReadAll(List<int> into)
    {
        byte* buf = stackalloc byte[64];
        while (true)
        {
            nint n = LibC.Read(ReadFd, buf, 64);
            if (n <= 0) return; // EAGAIN: drained
            for (int i = 0; i < n; i++) into.Add(buf[i]);
        }
    }

    public void Dispose()
    {
        LibC.Close(ReadFd);
        LibC.Close(WriteFd);
    }
}
