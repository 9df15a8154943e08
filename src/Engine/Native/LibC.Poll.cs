using System.Runtime.InteropServices;

namespace AdminServer.Engine.Native;

/// <summary>poll(2) and select(2): the two level-triggered demultiplexers that keep the interest set in user space.</summary>
internal static unsafe partial class LibC
{
    [LibraryImport(Lib, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Lib, EntryPoint = "select", SetLastError = true)]
    public static partial int Select(int nfds, ulong* readFds, ulong* writeFds, ulong* exceptFds, TimeVal* timeout);
}

/// <summary>struct pollfd.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short Revents;
}

/// <summary>struct timeval (x86-64: two longs).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TimeVal
{
    public long Seconds;
    public long Microseconds;
}
