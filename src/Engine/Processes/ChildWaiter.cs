using System.Runtime.InteropServices;
using AdminServer.Engine.Native;

namespace AdminServer.Engine.Processes;

/// <summary>
/// waitpid(pid, WNOHANG) on ONE known pid. Never waitpid(-1): that would also reap children
/// that System.Diagnostics.Process started, and the runtime fails fast when a child it started
/// has been reaped behind its back.
/// </summary>
internal static unsafe class ChildWaiter
{
    public enum Result { Reaped, Running, NotAChild }

    public static Result TryReap(int pid, out int status)
    {
        int s = 0;
        while (true)
        {
            int r = LibC.WaitPid(pid, &s, LibC.WNOHANG);
            status = s;
            if (r == pid) return Result.Reaped;
            if (r == 0) return Result.Running;
            var errno = (Errno)Marshal.GetLastPInvokeError();
            if (errno == Errno.EINTR) continue;
            return Result.NotAChild; // ECHILD: not (or no longer) our child
        }
    }
}
