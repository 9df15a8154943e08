using System.Runtime.InteropServices;

namespace AdminServer.Engine.Native;

internal static unsafe partial class LibC
{
    [LibraryImport(Lib, EntryPoint = "pipe2", SetLastError = true)]
    public static partial int Pipe2(int* fds, int flags);

    /// <summary>alarm(2): SIGALRM after <paramref name="seconds"/> (0 cancels); the sorted-list timer's classic tick.</summary>
    [LibraryImport(Lib, EntryPoint = "alarm")]
    public static partial uint Alarm(uint seconds);

    public const int O_NONBLOCK = 0x800;
}
