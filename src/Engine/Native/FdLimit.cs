namespace AdminServer.Engine.Native;

/// <summary>
/// RLIMIT_NOFILE: how many fds this process may hold. At start the soft limit is raised to the hard
/// one (nginx's worker_rlimit_nofile), and the connection cap is derived from what is left once the
/// fds already open (the runtime keeps every loaded assembly open: ~300 for this app) and a reserve
/// for what opens later (admin connections, the console's circuits, spawned programs' pipes, log
/// files, assemblies loaded on first use) are set aside. Exhausting the table makes the .NET runtime
/// abort (it cannot create a pipe or a thread), so the cap must hold well before it.
/// </summary>
public static unsafe class FdLimit
{
    private const int RLIMIT_NOFILE = 7;

    /// <summary>Fds reserved above those open at start, for everything that is not an engine connection.</summary>
    public static int Reserve(int limit) => Math.Max(256, limit / 8);

    /// <summary>The smallest reserve a configured Engine:MaxConnections may leave.</summary>
    public const int MinimumReserve = 128;

    /// <summary>Fds open in this process right now.</summary>
    public static int InUse()
    {
        try { return Directory.EnumerateFileSystemEntries("/proc/self/fd").Count(); }
        catch (IOException) { return 0; }
    }

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

    /// <summary>The default Engine:MaxConnections for a process allowed <paramref name="limit"/> fds with <paramref name="inUse"/> open.</summary>
    public static int DefaultMaxConnections(int limit, int inUse) => Math.Max(1, limit - inUse - Reserve(limit));

    /// <summary>The largest Engine:MaxConnections that still leaves <see cref="MinimumReserve"/>.</summary>
    public static int LargestMaxConnections(int limit, int inUse) => Math.Max(1, limit - inUse - MinimumReserve);
}
