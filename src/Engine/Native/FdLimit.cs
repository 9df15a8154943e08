namespace AdminServer.Engine.Native;

/// <summary>
/// RLIMIT_NOFILE: how many fds this process may hold. At start the soft limit is raised to the hard
/// one (nginx's worker_rlimit_nofile, Kestrel's hosts do the same), and the connection cap is
/// derived from what that leaves once the runtime, the admin app and the process manager are served.
/// </summary>
public static unsafe class FdLimit
{
    private const int RLIMIT_NOFILE = 7;

    /// <summary>Fds kept free for everything that is not an engine connection (threads' pipes, admin sockets, spawns, files).</summary>
    public static int Headroom(int limit) => Math.Max(128, limit / 8);

    /// <summary>The soft limit after raising it to the hard limit where allowed.</summary>
    public static int RaiseToHard()
    {
        RLimit r;
        if (LibC.GetRLimit(RLIMIT_NOFILE, &r) < 0) return 1024;
        if (r.Current < r.Maximum)
        {
            var raised = new RLimit { Current = r.Maximum, Maximum = r.Maximum };
            if (LibC.SetRLimit(RLIMIT_NOFILE, &raised) == 0) r = raised;
        }
        return (int)Math.Min(r.Current, int.MaxValue);
    }

    /// <summary>The default Engine:MaxConnections for a process allowed <paramref name="limit"/> fds.</summary>
    public static int DefaultMaxConnections(int limit) => Math.Max(1, limit - Headroom(limit));
}
