using System.Net.Sockets;
using AdminServer.Engine.Native;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Recognises "the process is out of file descriptors" in whatever form it surfaces: the engine's
/// <see cref="ErrnoException"/>, an <see cref="IOException"/> (whose HResult is the errno on Unix), a
/// <see cref="SocketException"/>. Such a failure is the server's temporary condition, not the caller's
/// fault: answered 503 with the errno's name, not 400 or 500.
/// </summary>
public static class ResourceExhaustion
{
    private const int ENFILE = 23, EMFILE = 24;

    /// <summary>"EMFILE" or "ENFILE" when <paramref name="e"/> (or an inner exception) is fd exhaustion, else null.</summary>
    public static string? Reason(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            int errno = e switch
            {
                ErrnoException x => (int)x.Errno,
                SocketException x => x.NativeErrorCode,
                IOException x => x.HResult,
                _ => 0,
            };
            if (errno == EMFILE) return "EMFILE";
            if (errno == ENFILE) return "ENFILE";
        }
        return null;
    }

    public static string Describe(string reason) => reason == "ENFILE"
        ? "the system-wide limit on open files is reached (ENFILE)"
        : "the server has no free file descriptor (EMFILE: its RLIMIT_NOFILE is reached)";
}
