using System.Diagnostics;
using System.Runtime.InteropServices;
using AdminServer.Engine.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminServer.Engine.Processes;

/// <summary>
/// Supervisor's model without the shell: declared programs are started each as the leader of
/// its own process group; the group's members (including processes the program started itself)
/// are read from /proc; signals go to a member, a whole group, or the server, and nowhere else;
/// a group is killed with TERM, a grace period, then KILL; the server reaps what it must.
/// Thread-safe: API threads, the SIGCHLD reaper (→ <see cref="ReapExited"/>) and timers may call it
/// concurrently. One lock guards the registry and every waitpid, and is only ever held for those:
/// /proc scans, /proc/[pid]/cmdline reads and posix_spawn run outside it (snapshot, then scan), so
/// no caller waits on another's file reads.
/// </summary>
public sealed partial class ProcessManager : IDisposable
{
    private const int RecentExitCapacity = 100;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    /// <summary>How long to wait for SIGKILLed members to vanish (only uninterruptible sleep can delay them).</summary>
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    private readonly object _gate = new();
    private readonly Dictionary<int, ManagedGroup> _groups = [];
    /// <summary>Programs between the "not running" check and their registration (posix_spawn runs outside the lock).</summary>
    private readonly HashSet<string> _starting = [];
    private readonly Queue<ChildExit> _recentExits = new();
    private readonly ILogger _logger;
    private ProcessOptions _options;


    public ProcessManager(ProcessOptions options, ILogger? logger = null)
    {
        ThrowIfInvalid(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        ServerPid = LibC.GetPid();
        ServerPgid = LibC.GetPgid(0);
        if (options.Subreaper) SubreaperEnabled = EnableSubreaper();
        lock (_gate) SyncRuntimesLocked();
        _tick = new Timer(_ => Tick(), null, TickInterval, TickInterval);
        _meter = CreateMeter();
    }

    public int ServerPid { get; }
    public int ServerPgid { get; }

    /// <summary>True when orphaned members are re-parented to the server (see <see cref="ProcessOptions.Subreaper"/>).</summary>
    public bool SubreaperEnabled { get; }

    public ProcessOptions Options => Volatile.Read(ref _options);

    /// <summary>True while at least one started group still has a member or an unreaped leader.</summary>
    public bool HasGroups { get { lock (_gate) return _groups.Count > 0; } }

    /// <summary>
    /// Replaces the declared programs and the grace period (a reload). Running groups keep running
    /// and stay managed even if their program is no longer declared. The subreaper choice is fixed at start.
    /// </summary>
    public void UpdateOptions(ProcessOptions options)
    {
        ThrowIfInvalid(options);
        Volatile.Write(ref _options, options);
        // The supervisor's records follow under the lock at its next use (a reload never waits for the lock).
        _tick.Change(TimeSpan.Zero, TickInterval);
    }

    /// <summary>
    /// Starts a declared program as a new process group; one running instance per program. Either the
    /// program is spawned and registered as a managed group, or nothing runs: when the server is out
    /// of file descriptors (or processes) the answer is <see cref="StartOutcome.Unavailable"/>.
    /// </summary>
    public StartResult Start(string programName) => StartCore(programName, byOperator: true);

    /// <summary>
    /// A start by an operator (resets the back-off, leaves FATAL) or by the supervisor itself (a BACKOFF retry or an
    /// autorestart, done only if the program still waits for it: a stop in between cancels it).
    /// </summary>
    private StartResult StartCore(string programName, bool byOperator)
    {
        var program = Options.Programs.FirstOrDefault(p => string.Equals(p.Name, programName, StringComparison.OrdinalIgnoreCase));
        if (program is null)
        {
            string declared = Options.Programs.Count == 0 ? "none" : string.Join(", ", Options.Programs.Select(p => p.Name));
            return new StartResult(programName, StartOutcome.NotDeclared, null,
                $"No program named '{programName}' is declared (declared: {declared}). Only programs of the configuration's Programs section can be started.");
        }
        List<ProcStat> procs;
        // Reap first: a group whose last member has just ended must not count as running. The scan also
        // proves /proc can be read: a group the manager could not watch (members, kill-group) is not started.
        try
        {
            procs = Reap(null);
            if (procs.Count == 0) procs = ProcFs.Scan();
        }
        catch (IOException e) when (Exhausted(e) is { } errno) { return Unavailable(program, errno, "the process table could not be read"); }
        ManagedGroup? running;
        bool starting;
        ProgramRuntime runtime;
        lock (_gate)
        {
            SyncRuntimesLocked();
            if (!_runtimes.TryGetValue(program.Name, out runtime!))
                return new StartResult(program.Name, StartOutcome.NotDeclared, null, $"'{program.Name}' is no longer declared.");
            if (!byOperator && (_shuttingDown || !(runtime.State == ProgramState.Backoff || (runtime.State == ProgramState.Exited && runtime.RestartPending))))
                return new StartResult(program.Name, StartOutcome.AlreadyRunning, null, $"'{program.Name}' no longer waits for a restart.");
            // One running instance: a group whose leader is still there. A group whose leader has ended but whose
            // other members linger is still managed (and can be killed) but does not stop a new start.
            running = _groups.Values.FirstOrDefault(g => g.Program == program.Name && g.LeaderExit is null);
            starting = running is null && !_starting.Add(program.Name);
            if (running is null && !starting)
            {
                runtime.RestartPending = false;
                if (byOperator) runtime.Backoff = 0;
            }
        }
        if (running is not null)
            return new StartResult(program.Name, StartOutcome.AlreadyRunning, Describe(running, procs),
                $"'{program.Name}' is already running as process group {running.Pgid}; kill that group first.");
        if (starting)
            return new StartResult(program.Name, StartOutcome.AlreadyRunning, null, $"'{program.Name}' is being started right now.");
        int pid;
        try { pid = SpawnCaptured(program, runtime); }
        catch (Exception e) when (e is ErrnoException or IOException or UnauthorizedAccessException)
        {
            lock (_gate)
            {
                _starting.Remove(program.Name);
                SpawnFailedLocked(runtime, e.Message, DateTimeOffset.UtcNow);
            }
            if (Exhausted(e) is { } errno) return Unavailable(program, errno, "posix_spawn failed");
            _logger.LogWarning("Program {Program} could not be started: {Error}", program.Name, e.Message);
            return new StartResult(program.Name, StartOutcome.Failed, null, $"'{program.Name}' could not be started: {e.Message}.");
        }
        var now = DateTimeOffset.UtcNow;
        var group = new ManagedGroup(program.Name, pid, now);
        lock (_gate)
        {
            _groups[pid] = group;
            _starting.Remove(program.Name);
            runtime.Pgid = pid;
            runtime.StartedAt = now;
            if (!byOperator) runtime.Restarts++;
            _starts.TryGetValue(program.Name, out long started);
            _starts[program.Name] = started + 1;
            if (program.StartSeconds <= 0) EnterRunningLocked(runtime, now);
            else runtime.Enter(ProgramState.Starting, now);
            // A leader that exited before it was registered had its SIGCHLD handled without it: reap it now.
            TryReapLeaderLocked(group, null, now);
        }
        _logger.LogInformation("Started program {Program} as process group {Pgid}: {Command}", program.Name, pid, program.Display);
        ProcessGroupInfo info;
        try { info = Describe(group, ProcFs.Scan()); }
        catch (IOException e) when (Exhausted(e) is not null)
        {
            // Started and managed all the same; only its members could not be listed now.
            info = Describe(group, []);
        }
        return new StartResult(program.Name, StartOutcome.Started, info, $"'{program.Name}' started as process group {pid}.");
    }

    private StartResult Unavailable(ProgramOptions program, string errno, string what)
    {
        _logger.LogWarning("Program {Program} not started: {What} ({Errno})", program.Name, what, errno);
        return new StartResult(program.Name, StartOutcome.Unavailable, null,
            $"'{program.Name}' was not started: {what} ({errno}: the server is out of {(errno == "EAGAIN" ? "processes" : errno == "ENOMEM" ? "memory" : "file descriptors")}). Nothing was started; try again later.");
    }

    /// <summary>"EMFILE", "ENFILE", "EAGAIN" or "ENOMEM" when a failure is the server running out of something, else null.</summary>
    private static string? Exhausted(Exception e)
    {
        var errno = e switch
        {
            ErrnoException x => x.Errno,
            IOException x => (Errno)x.HResult, // on Unix an IOException's HResult is the errno
            _ => (Errno)0,
        };
        return errno is Errno.EMFILE or Errno.ENFILE or Errno.EAGAIN or Errno.ENOMEM ? errno.ToString() : null;
    }

    /// <summary>Starts every program declared with Autostart; called once when the server starts.</summary>
    public IReadOnlyList<StartResult> StartAutostartPrograms() =>
        Options.Programs.Where(p => p.Autostart).Select(p => Start(p.Name)).ToList();

    public ProcessesSnapshot GetSnapshot()
    {
        var options = Options;
        var procs = Reap(null);
        ManagedGroup[] groups;
        ChildExit[] exits;
        lock (_gate)
        {
            groups = [.. _groups.Values.OrderBy(g => g.StartedAt)];
            exits = [.. _recentExits.Reverse()];
        }
        // Describing reads each member's cmdline: outside the lock.
        var described = groups.Select(g => Describe(g, procs)).ToList();
        PruneCpuSamples(procs);
        var programs = options.Programs.Select(p => DescribeProgram(p, groups, described)).ToList();
        return new ProcessesSnapshot(ServerPid, ServerPgid, options.KillGraceSeconds, SubreaperEnabled, SignalAllowlist.Names,
            programs, described, exits);
    }

    /// <summary>The managed group with this pgid, or null when it is not (or no longer) managed.</summary>
    public ProcessGroupInfo? GetGroup(int pgid)
    {
        var procs = Reap(null);
        ManagedGroup? g;
        lock (_gate) _groups.TryGetValue(pgid, out g);
        return g is null ? null : Describe(g, procs);
    }

    public bool IsManagedGroup(int pgid)
    {
        lock (_gate) return _groups.ContainsKey(pgid);
    }

    /// <summary>
    /// Reaps, without blocking, every exited child the server is responsible for and records how it
    /// ended: the group leaders it spawned, and (with the subreaper on) zombie members of managed
    /// groups that were orphaned and re-parented to it. Children of anyone else are never touched
    /// (no waitpid(-1)). Safe to call from any thread at any time; the signal loop calls it on SIGCHLD.
    /// Returns the children reaped by this call.
    /// </summary>
    public IReadOnlyList<ChildExit> ReapExited()
    {
        var reaped = new List<ChildExit>();
        Reap(reaped);
        return reaped;
    }

    /// <summary>
    /// Sends an allowlisted signal to a member process, a managed group or the server. Every other
    /// target is refused with the reason; ESRCH is an outcome, not an exception.
    /// </summary>
    public SignalResult Signal(SignalTarget target, string signalName)
    {
        if (!SignalAllowlist.TryParse(signalName, out int signal, out string name))
            return Refuse(target, signalName, SignalOutcome.RefusedUnknownSignal,
                $"Unknown signal '{signalName}'. Allowed: {SignalAllowlist.Describe()} (with or without the SIG prefix).");

        int killPid;
        switch (target.Kind)
        {
            case SignalTargetKind.Self:
                killPid = ServerPid;
                break;
            case SignalTargetKind.Process:
                if (TargetPolicy.RefusePid(target.Id) is { } why) return Refuse(target, name, SignalOutcome.RefusedInvalidTarget, why);
                if (target.Id != ServerPid && !IsMember(target.Id, out bool exists))
                    return Refuse(target, name, SignalOutcome.RefusedNotManaged,
                        $"pid {target.Id} is neither the server (pid {ServerPid}) nor a member of a managed process group{(exists ? "" : " (there is no such process)")}.");
                // The pid was a member a moment ago; it could exit and its number be reused before
                // kill(2) runs. Pids are handed out sequentially up to pid_max, so that window is tiny.
                killPid = target.Id;
                break;
            case SignalTargetKind.Group:
                if (target.Id <= 0) return Refuse(target, name, SignalOutcome.RefusedInvalidTarget, TargetPolicy.NonPositivePgid(target.Id));
                if (!IsManagedGroup(target.Id))
                    return Refuse(target, name, SignalOutcome.RefusedNotManaged,
                        $"{target.Id} is not a managed process group. Only groups started from a declared program can be signalled.");
                killPid = -target.Id;
                break;
            default:
                return Refuse(target, name, SignalOutcome.RefusedInvalidTarget, $"Unknown target kind {target.Kind}.");
        }
        if (killPid == ServerPid && SignalAllowlist.Stops(signal))
            return Refuse(target, name, SignalOutcome.RefusedInvalidTarget, TargetPolicy.StopsServer(name));

        var (outcome, errno) = SignalSender.Send(killPid, signal);
        // A member that died at once leaves no zombie until the next SIGCHLD; out of fds, that SIGCHLD will do.
        if (killPid != ServerPid)
        {
            try { ReapExited(); }
            catch (IOException e) when (Exhausted(e) is not null) { }
        }
        string detail = outcome switch
        {
            SignalOutcome.Sent => $"SIG{name} sent to {target} (kill({killPid}, {signal})).",
            SignalOutcome.NoSuchProcess => $"{target} no longer exists (ESRCH): it ended before SIG{name} reached it; nothing was signalled.",
            _ => $"kill({killPid}, SIG{name}) failed: {errno}.",
        };
        _logger.LogInformation("Signal {Signal} to {Target}: {Outcome}", name, target, outcome);
        return new SignalResult(target, name, killPid, outcome, errno?.ToString(), detail);
    }

    /// <summary>
    /// Supervisor's killasgroup: SIGTERM (and SIGCONT, so stopped members can act on it) to the
    /// group, up to <see cref="ProcessOptions.KillGraceSeconds"/> for it to end, then SIGKILL to
    /// what remains. Reports after which signal each member ended. Null if the pgid is not managed.
    /// </summary>
    public async Task<KillGroupResult?> KillGroupAsync(int pgid, CancellationToken cancellationToken = default)
    {
        ManagedGroup? group;
        Reap(null);
        lock (_gate)
        {
            if (!_groups.TryGetValue(pgid, out group)) return null;
            // Killing a program's running instance is a stop: it ends STOPPED, not restarted.
            foreach (var r in _runtimes.Values.Where(r => r.Pgid == pgid && r.State is ProgramState.Starting or ProgramState.Running))
                r.Enter(ProgramState.Stopping, DateTimeOffset.UtcNow);
        }
        var grace = Options.KillGrace;
        var watch = new GroupWatch(pgid);
        var clock = Stopwatch.StartNew();
        Poll(watch, "before TERM"); // members already dead (zombies) did not end because of this kill
        SignalSender.Send(-pgid, SignalAllowlist.SIGTERM);
        SignalSender.Send(-pgid, SignalAllowlist.SIGCONT);
        bool escalated = false;
        try
        {
            if (await WaitAsync(watch, "TERM", grace, cancellationToken))
            {
                escalated = true;
                SignalSender.Send(-pgid, SignalAllowlist.SIGKILL);
                await WaitAsync(watch, "KILL", KillWait, CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // Out of time (e.g. the host's shutdown timeout): no more grace.
            SignalSender.Send(-pgid, SignalAllowlist.SIGKILL);
            throw;
        }
        var members = watch.Seen.OrderBy(kv => kv.Key)
            .Select(kv => new MemberEnd(kv.Key, kv.Value, watch.EndedAfter.GetValueOrDefault(kv.Key), watch.Exits.GetValueOrDefault(kv.Key)))
            .ToList();
        int afterTerm = members.Count(m => m.EndedAfter == "TERM");
        int afterKill = members.Count(m => m.EndedAfter == "KILL");
        string detail = $"SIGTERM to group {pgid}: {afterTerm} of {members.Count} members ended"
            + (escalated ? $"; after {grace.TotalSeconds:0.###} s SIGKILL ended {afterKill} more" : "")
            + (watch.Remaining.Count > 0 ? $"; {watch.Remaining.Count} still present ({string.Join(", ", watch.Remaining)})" : "")
            + ".";
        _logger.LogInformation("Killed group {Pgid} ({Program}): {Detail}", pgid, group.Program, detail);
        return new KillGroupResult(pgid, group.Program, grace.TotalSeconds, escalated, members, watch.Remaining,
            clock.Elapsed.TotalMilliseconds, detail);
    }

    /// <summary>Kills every managed group (at shutdown), each with its grace period, all at once.</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken = default)
    {
        int[] pgids;
        lock (_gate)
        {
            _shuttingDown = true; // nothing is restarted any more
            pgids = [.. _groups.Keys];
        }
        await Task.WhenAll(pgids.Select(p => KillGroupAsync(p, cancellationToken)));
    }

    /// <summary>Polls until the group has no live member (false) or the time is up with some alive (true).</summary>
    private async Task<bool> WaitAsync(GroupWatch watch, string phase, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var (present, alive) = Poll(watch, phase);
            if (present == 0) return false;
            // Only zombies left: they are dead, nothing to escalate; keep polling a little so the
            // re-parented ones get reaped, but never past the limit.
            if (deadline.Elapsed >= limit) return alive > 0;
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>One look at the group: reap, note new members, mark the vanished (or dead) ones as ended in this phase.</summary>
    private (int Present, int Alive) Poll(GroupWatch watch, string phase)
    {
        var reaped = new List<ChildExit>();
        var members = Reap(reaped).Where(p => p.Pgid == watch.Pgid).ToList();
        foreach (var e in reaped.Where(e => e.Pgid == watch.Pgid)) watch.Exits[e.Pid] = e;
        // Another pass (SIGCHLD's, the supervisor's tick) may have reaped one of them: its exit is in the record.
        lock (_gate)
            foreach (var e in _recentExits.Where(e => e.Pgid == watch.Pgid && e.At >= watch.Since)) watch.Exits.TryAdd(e.Pid, e);
        foreach (var m in members.Where(m => !watch.Seen.ContainsKey(m.Pid))) watch.Seen[m.Pid] = ProcessMember.From(m).Command;
        var alive = members.Where(m => !m.IsZombie).Select(m => m.Pid).ToHashSet();
        foreach (var pid in watch.Seen.Keys.Where(p => !alive.Contains(p) && !watch.EndedAfter.ContainsKey(p)).ToList())
            watch.EndedAfter[pid] = phase;
        watch.Remaining = members.Select(m => m.Pid).ToList();
        return (members.Count, alive.Count);
    }

    /// <summary>
    /// The reaping pass; returns the /proc scan minus the processes it reaped. The lock is held for
    /// the waitpid calls and the registry only: the /proc scan in between runs without it. Throws
    /// <see cref="IOException"/> when /proc cannot be read (EMFILE); the leaders are reaped by then.
    /// </summary>
    private List<ProcStat> Reap(List<ChildExit>? reaped)
    {
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            if (_groups.Count == 0) return [];
            foreach (var g in _groups.Values.Where(g => g.LeaderExit is null)) TryReapLeaderLocked(g, reaped, now);
        }
        long scan = Interlocked.Increment(ref _scanSeq);
        var procs = ProcFs.Scan();
        lock (_gate)
        {
            var reapedNow = new HashSet<int>();
            if (SubreaperEnabled)
            {
                // Orphaned members re-parented to the server. Checking ppid and pgid before waitpid keeps
                // this to processes of managed groups: a zombie child cannot change identity until its
                // parent (the server) reaps it, so the check cannot be overtaken by pid reuse. Another pass
                // may have reaped it since the scan: then waitpid says ECHILD and it is skipped.
                var removed = new HashSet<int>();
                foreach (var s in procs.Where(s => s.IsZombie && s.Ppid == ServerPid && s.Pid != s.Pgid && _groups.ContainsKey(s.Pgid)))
                {
                    if (ChildWaiter.TryReap(s.Pid, out int status) != ChildWaiter.Result.Reaped) continue;
                    Record(ChildExit.From(s.Pid, s.Pgid, _groups[s.Pgid].Program, status, now), reaped);
                    removed.Add(s.Pid);
                }
                if (removed.Count > 0) procs.RemoveAll(s => removed.Contains(s.Pid));
                reapedNow = removed;
            }
            // Only the newest scan may say who vanished: an older one applied late would "lose" members born since.
            if (scan > _appliedScan)
            {
                _appliedScan = scan;
                NoteVanishedLocked(procs, reapedNow, reaped, now);
            }
            // A group is done when its leader is reaped and no process had its pgid in the scan. A group
            // registered after the scan has an unreaped leader, so it is never dropped here by mistake; and
            // an empty group cannot gain members (setpgid needs an existing group).
            var inUse = procs.Select(s => s.Pgid).ToHashSet();
            foreach (var g in _groups.Values.Where(g => g.LeaderExit is not null && !inUse.Contains(g.Pgid)).ToList())
            {
                _groups.Remove(g.Pgid);
                _logger.LogInformation("Process group {Pgid} ({Program}) has no member left", g.Pgid, g.Program);
            }
        }
        return procs;
    }

    /// <summary>waitpid(leader, WNOHANG) and record how it ended. Caller holds the lock.</summary>
    private void TryReapLeaderLocked(ManagedGroup g, List<ChildExit>? reaped, DateTimeOffset now)
    {
        if (g.LeaderExit is not null) return;
        var r = ChildWaiter.TryReap(g.LeaderPid, out int status);
        if (r == ChildWaiter.Result.Reaped) g.LeaderExit = Record(ChildExit.From(g.LeaderPid, g.Pgid, g.Program, status, now), reaped);
        else if (r == ChildWaiter.Result.NotAChild) g.LeaderExit = Record(ChildExit.Unknown(g.LeaderPid, g.Pgid, g.Program, now), reaped);
        if (g.LeaderExit is not null) OnLeaderExitLocked(g, now);
    }

    /// <summary>
    /// Test hook: holds the manager's lock on a thread of its own until the handle is disposed, so a
    /// test can show that nothing on the engine loop waits for it (SIGCHLD, SIGHUP, a Processes poll).
    /// </summary>
    internal IDisposable HoldLockForTesting()
    {
        var entered = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var holder = new Thread(() => { lock (_gate) { entered.Set(); release.Wait(); } }) { IsBackground = true, Name = "test-lock-holder" };
        holder.Start();
        entered.Wait();
        return new LockHold(release, holder);
    }

    private sealed class LockHold(ManualResetEventSlim release, Thread holder) : IDisposable
    {
        public void Dispose()
        {
            release.Set();
            holder.Join();
        }
    }

    private ChildExit Record(ChildExit exit, List<ChildExit>? reaped)
    {
        reaped?.Add(exit);
        _recentExits.Enqueue(exit);
        while (_recentExits.Count > RecentExitCapacity) _recentExits.Dequeue();
        _logger.LogInformation("Reaped pid {Pid} of {Program} (group {Pgid}): {Exit}", exit.Pid, exit.Program, exit.Pgid, exit.Description);
        return exit;
    }

    private bool IsMember(int pid, out bool exists)
    {
        exists = ProcFs.TryRead(pid, out var stat);
        return exists && IsManagedGroup(stat.Pgid);
    }

    private ProcessGroupInfo Describe(ManagedGroup g, List<ProcStat> procs) =>
        new(g.Pgid, g.Program, g.LeaderPid, g.StartedAt, g.LeaderExit,
            procs.Where(p => p.Pgid == g.Pgid).OrderBy(p => p.Pid).Select(p => ProcessMember.From(p, CpuPercent(p))).ToList());

    private static SignalResult Refuse(SignalTarget target, string signal, SignalOutcome outcome, string detail) =>
        new(target, signal, 0, outcome, null, detail);

    private bool EnableSubreaper()
    {
        if (LibC.Prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0) return true;
        _logger.LogWarning("prctl(PR_SET_CHILD_SUBREAPER) failed ({Errno}): orphaned group members are left to pid 1 to reap",
            (Errno)Marshal.GetLastPInvokeError());
        return false;
    }

    private static void ThrowIfInvalid(ProcessOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>What a kill-group run has seen so far.</summary>
    private sealed class GroupWatch(int pgid)
    {
        public int Pgid { get; } = pgid;
        public DateTimeOffset Since { get; } = DateTimeOffset.UtcNow;
        public Dictionary<int, string> Seen { get; } = [];
        public Dictionary<int, string> EndedAfter { get; } = [];
        public Dictionary<int, ChildExit> Exits { get; } = [];
        public List<int> Remaining { get; set; } = [];
    }
}
