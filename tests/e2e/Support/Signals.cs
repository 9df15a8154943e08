using System.Runtime.InteropServices;

namespace AdminServer.E2eTests.Support;

/// <summary>kill(2) for tests that send real signals to the real server process.</summary>
public static class Signals
{
    public const int SIGHUP = 1, SIGCHLD = 17;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }
}
