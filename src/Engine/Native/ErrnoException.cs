using System.Runtime.InteropServices;

namespace AdminServer.Engine.Native;

/// <summary>A failed system call, with the errno that explains it.</summary>
public sealed class ErrnoException : Exception
{
    public ErrnoException(string call, Errno errno)
        : base($"{call} failed: {errno} ({Marshal.GetPInvokeErrorMessage((int)errno)})")
    {
        Call = call;
        Errno = errno;
    }

    public string Call { get; }
    public Errno Errno { get; }

    /// <summary>Reads errno right after a failed call and throws it typed.</summary>
    internal static ErrnoException Last(string call) => new(call, (Errno)Marshal.GetLastPInvokeError());
}
