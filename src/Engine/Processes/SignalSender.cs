using System.Runtime.InteropServices;
using AdminServer.Engine.Native;

namespace AdminServer.Engine.Processes;

/// <summary>kill(2) with its errno turned into an outcome: ESRCH is a normal answer (the target is gone), not an exception.</summary>
internal static class SignalSender
{
    public static (SignalOutcome Outcome, Errno? Errno) Send(int killPid, int signal)
    {
        if (LibC.Kill(killPid, signal) == 0) return (SignalOutcome.Sent, null);
        var errno = (Errno)Marshal.GetLastPInvokeError();
        return (errno == Errno.ESRCH ? SignalOutcome.NoSuchProcess : SignalOutcome.Failed, errno);
    }
}
