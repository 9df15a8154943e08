using AdminServer.Engine.Native;

namespace AdminServer.Engine.Uring;

/// <summary>
/// Whether this process may use io_uring, found once at start by setting up a ring: ENOSYS (no kernel
/// support), EPERM (seccomp, or kernel.io_uring_disabled), or a kernel too old for what the engine needs.
/// ADMINSERVER_DISABLE_IO_URING=1 makes the probe fail on purpose (tests, or to rule io_uring out).
/// </summary>
public static class UringProbe
{
    private static readonly Lazy<string?> Reason = new(Check);

    /// <summary>Null when io_uring is available; otherwise why not.</summary>
    public static string? UnavailableReason => Reason.Value;

    public static bool Available => UnavailableReason is null;

    private static string? Check()
    {
        if (Environment.GetEnvironmentVariable("ADMINSERVER_DISABLE_IO_URING") == "1")
            return "disabled by ADMINSERVER_DISABLE_IO_URING=1";
        try
        {
            using var ring = new UringRing();
            return null;
        }
        catch (ErrnoException ex) when (ex.Errno == Errno.ENOSYS)
        {
            return "the kernel has no io_uring (io_uring_setup: ENOSYS)";
        }
        catch (ErrnoException ex) when (ex.Errno == Errno.EPERM)
        {
            string sysctl = File.Exists("/proc/sys/kernel/io_uring_disabled") ? $", kernel.io_uring_disabled={File.ReadAllText("/proc/sys/kernel/io_uring_disabled").Trim()}" : "";
            return $"io_uring is not permitted here (io_uring_setup: EPERM: seccomp or a sysctl{sysctl})";
        }
        catch (ErrnoException ex)
        {
            return ex.Message;
        }
    }
}
