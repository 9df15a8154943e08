using System.Runtime.InteropServices;

namespace AdminServer.Engine.Native;

internal static unsafe partial class LibC
{
    [LibraryImport(Lib, EntryPoint = "pipe2", SetLastError = true)]
    public static partial int Pipe2(int* fds, int flags);

    public const int O_NONBLOCK = 0x800;
}
