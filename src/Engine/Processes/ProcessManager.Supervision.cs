using System.Diagnostics;
using System.Diagnostics.Metrics;
using AdminServer.Engine.Native;
using Microsoft.Extensions.Logging;

namespace AdminServer.Engine.Processes;

/// <summary>
/// Supervisor's state machine for every declared program (see <see cref="ProgramState"/>), its captured output,
/// and per-member CPU. Timed work (STARTING → RUNNING after StartSeconds, BACKOFF retries, autorestarts, and a
/// /proc look each second while groups run, which notices members their own parent reaped) runs on a timer
/// of the thread pool, never on an engine loop; spawns happen there or on the caller's (API) thread.
/// </summary>
public sealed partial class ProcessManager
{
    public const string MeterName = "AdminServer.Processes";
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ScanInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan VanishedMinAge = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, ProgramRuntime> _runtimes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _starts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Timer _tick;
    private readonly Meter _meter;
    private readonly Lock _cpuGate = new();
    private readonly Dictionary<int, CpuSample> _cpu = [];
    private bool _shuttingDown;
    private ProcessOptions? _synced;
    private long _scanSeq;
    private long _appliedScan;
    private long _lastScan;
    private int _ticking;

    private readonly record struct CpuSample(ulong StartTicks, ulong CpuTicks, long At, double? Percent);

    /// <summary>Brings the supervisor's records in line with the declared programs after a reload. Caller holds the lock.</summary>
    private void SyncRuntimesLocked()
    {
        var options = Options;
        if (ReferenceEquals(options, _synced)) return;
        _synced = options;
        var now = DateTimeOffset.UtcNow;
        {
            foreach (var p in options.Programs)
            {
                if (!_runtimes.TryGetValue(p.Name, out var rt)) _runtimes[p.Name] = rt = new ProgramRuntime(p, now);
                rt.Options = p;
                string? path = options.LogPathOf(p);
                if (path is null) rt.Log = null;
                else if (rt.Log?.Path == path)
                {
                    rt.Log.MaxBytes = p.LogMaxBytes;
                    rt.Log.Backups = p.LogBackups;
                }
                else rt.Log = new ProgramLog(path, p.LogMaxBytes, p.LogBackups);
            }
            // Programs no longer declared are no longer supervised; their running groups stay managed.
            foreach (var name in _runtimes.Keys.Where(n => !options.Programs.Any(p => string.Equals(p.Name, n, StringComparison.OrdinalIgnoreCase))).ToList())
                _runtimes.Remove(name);
        }
    }

    /// <summary>posix_spawn with stdout+stderr into the program's log pipe (or /dev/null); the reader thread starts once it runs.</summary>
    private static int SpawnCaptured(ProgramOptions program, ProgramRuntime runtime)
    {
        var log = runtime.Log;
        if (log is null) return ProcessSpawner.Spawn(program);
        var (read, write) = log.CreatePipe();
        int pid;
        try { pid = ProcessSpawner.Spawn(program, write); }
        catch
        {
            LibC.Close(read);
            throw;
        }
        finally { LibC.Close(write); }
        log.Drain(read, program.Name);
        return pid;
    }

    private void EnterRunningLocked(ProgramRuntime rt, DateTimeOffset now)
    {
        rt.Enter(ProgramState.Running, now);
        rt.Backoff = 0;
        _logger.LogInformation("Program {Program} is RUNNING (pid {Pid})", rt.Options.Name, rt.Pgid);
    }

    /// <summary>Supervisor's spawnerr: BACKOFF, retried, FATAL after StartRetries.</summary>
    private void SpawnFailedLocked(ProgramRuntime rt, string error, DateTimeOffset now) => FailedStartLocked(rt, now, $"spawn error: {error}");

    private void FailedStartLocked(ProgramRuntime rt, DateTimeOffset now, string why)
    {
        rt.Backoff++;
        rt.Pgid = null;
        if (rt.Backoff > rt.Options.StartRetries)
        {
            rt.Enter(ProgramState.Fatal, now, $"{why}; gave up after {rt.Options.StartRetries} retries");
            _logger.LogWarning("Program {Program} is FATAL: {Why}", rt.Options.Name, rt.Note);
            return;
        }
        rt.RetryAt = now + TimeSpan.FromSeconds(rt.Backoff);
        rt.Enter(ProgramState.Backoff, now, why);
        _logger.LogInformation("Program {Program} in BACKOFF ({Why}); retry {Try} in {Delay} s", rt.Options.Name, why, rt.Backoff, rt.Backoff);
    }

    /// <summary>The leader of a program's current instance has been reaped: STOPPED, BACKOFF/FATAL, or EXITED (and maybe restarted).</summary>
    private void OnLeaderExitLocked(ManagedGroup g, DateTimeOffset now)
    {
        var rt = _runtimes.Values.FirstOrDefault(r => r.Pgid == g.Pgid);
        if (rt is null || g.LeaderExit is not { } exit) return;
        rt.LastExit = exit;
        var p = rt.Options;
        switch (rt.State)
        {
            case ProgramState.Stopping:
                rt.Pgid = null;
                rt.Enter(ProgramState.Stopped, now, exit.Description);
                break;
            case ProgramState.Starting when now - rt.StartedAt < TimeSpan.FromSeconds(p.StartSeconds):
                FailedStartLocked(rt, now, $"Exited too quickly ({exit.Description}; the program's log may have details)");
                break;
            case ProgramState.Starting or ProgramState.Running:
                bool expected = exit.ExitCode is int code && p.EffectiveExitCodes.Contains(code);
                rt.Pgid = null;
                rt.ExpectedExit = expected;
                rt.Enter(ProgramState.Exited, now, $"{exit.Description} ({(expected ? "expected" : "unexpected")})");
                rt.RestartPending = !_shuttingDown && (p.AutorestartMode == AutorestartMode.True || (p.AutorestartMode == AutorestartMode.Unexpected && !expected));
                _logger.LogInformation("Program {Program} EXITED: {Exit}{Restart}", p.Name, rt.Note, rt.RestartPending ? "; restarting" : "");
                if (rt.RestartPending) _tick.Change(TimeSpan.Zero, TickInterval);
                break;
        }
    }

    /// <summary>The supervisor's clock: promotions to RUNNING, due retries and restarts, and the periodic /proc look.</summary>
    private void Tick()
    {
        if (Interlocked.Exchange(ref _ticking, 1) == 1) return;
        try
        {
            var now = DateTimeOffset.UtcNow;
            var due = new List<string>();
            bool scan;
            lock (_gate)
            {
                SyncRuntimesLocked();
                foreach (var rt in _runtimes.Values)
                {
                    if (rt.State == ProgramState.Starting && rt.Pgid is { } pgid && _groups.TryGetValue(pgid, out var g))
                    {
                        TryReapLeaderLocked(g, null, now); // an exit not yet reaped must not be taken for a start
                        if (rt.State == ProgramState.Starting && now - rt.StartedAt >= TimeSpan.FromSeconds(rt.Options.StartSeconds))
                            EnterRunningLocked(rt, now);
                    }
                    if (_shuttingDown) continue;
                    if ((rt.State == ProgramState.Backoff && now >= rt.RetryAt) || (rt.State == ProgramState.Exited && rt.RestartPending))
                        due.Add(rt.Options.Name);
                }
                long ticks = Environment.TickCount64;
                scan = _groups.Count > 0 && ticks - _lastScan >= ScanInterval.TotalMilliseconds;
                if (scan) _lastScan = ticks;
            }
            foreach (var name in due)
            {
                var r = StartCore(name, byOperator: false);
                if (r.Outcome != StartOutcome.AlreadyRunning) _logger.LogInformation("Supervisor start of {Program}: {Outcome} {Detail}", name, r.Outcome, r.Detail);
            }
            if (scan) Reap(null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogDebug("Supervisor tick could not read /proc: {Error}", e.Message);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Supervisor tick failed");
        }
        finally { Volatile.Write(ref _ticking, 0); }
    }

    /// <summary>
    /// Members gone from /proc that the server did not reap: their own parent did. Recorded as exits when they had
    /// lived at least <see cref="VanishedMinAge"/> when last seen, so a shell loop's short-lived children (a `sleep 0.2`
    /// each turn) do not flood the recent exits; a member killed from outside after that is recorded.
    /// </summary>
    private void NoteVanishedLocked(List<ProcStat> procs, HashSet<int> reapedNow, List<ChildExit>? reaped, DateTimeOffset now)
    {
        var byPid = procs.ToDictionary(p => p.Pid);
        foreach (var g in _groups.Values)
        {
            foreach (var (pid, last) in g.Seen)
            {
                if (pid == g.LeaderPid || reapedNow.Contains(pid)) continue; // the leader is the server's to reap
                if (byPid.TryGetValue(pid, out var still) && still.StartTicks == last.StartTicks) continue; // alive (maybe in another group now)
                if (g.SeenAt - ProcFs.StartTime(last.StartTicks) < VanishedMinAge) continue;
                Record(ChildExit.Vanished(last, g.Program, now), reaped);
            }
            g.Seen = procs.Where(p => p.Pgid == g.Pgid).ToDictionary(p => p.Pid);
            g.SeenAt = now;
        }
    }

    private double? CpuPercent(ProcStat p)
    {
        long now = Stopwatch.GetTimestamp();
        lock (_cpuGate)
        {
            if (!_cpu.TryGetValue(p.Pid, out var last) || last.StartTicks != p.StartTicks)
            {
                _cpu[p.Pid] = new CpuSample(p.StartTicks, p.CpuTicks, now, null);
                return null;
            }
            double seconds = Stopwatch.GetElapsedTime(last.At, now).TotalSeconds;
            if (seconds < 0.25) return last.Percent; // asked again at once: the last figure stands
            double percent = Math.Round((p.CpuTicks - Math.Min(p.CpuTicks, last.CpuTicks)) / (double)ProcFs.TicksPerSecond / seconds * 100, 1);
            _cpu[p.Pid] = new CpuSample(p.StartTicks, p.CpuTicks, now, percent);
            return percent;
        }
    }

    private void PruneCpuSamples(List<ProcStat> procs)
    {
        var alive = procs.Select(p => p.Pid).ToHashSet();
        lock (_cpuGate)
            foreach (var pid in _cpu.Keys.Where(k => !alive.Contains(k)).ToList()) _cpu.Remove(pid);
    }

    private ProgramInfo DescribeProgram(ProgramOptions p, ManagedGroup[] groups, List<ProcessGroupInfo> described)
    {
        var info = new ProgramInfo(p.Name, p.Display, p.EffectiveArgv, p.WorkingDirectory, p.Autostart,
            groups.Where(g => g.Program == p.Name).Select(g => g.Pgid).ToList());
        ProgramState state;
        DateTimeOffset since, startedAt;
        int? pid;
        int backoff, restarts;
        ChildExit? lastExit;
        string? note, logFile;
        lock (_gate)
        {
            SyncRuntimesLocked();
            if (!_runtimes.TryGetValue(p.Name, out var rt)) return info;
            (state, since, pid, backoff, restarts, lastExit, note, logFile) = (rt.State, rt.StateSince, rt.Pgid, rt.Backoff, rt.Restarts, rt.LastExit, rt.Note, rt.Log?.Path);
            startedAt = rt.StartedAt ?? since;
        }
        var members = pid is { } pg ? described.FirstOrDefault(g => g.Pgid == pg)?.Members ?? [] : [];
        double? uptime = state is ProgramState.Running or ProgramState.Starting or ProgramState.Stopping ? (DateTimeOffset.UtcNow - startedAt).TotalSeconds : null;
        string description = state switch
        {
            ProgramState.Running or ProgramState.Starting or ProgramState.Stopping when pid is not null =>
                $"pid {pid}, uptime {TimeSpan.FromSeconds(Math.Floor(uptime ?? 0)):c}",
            ProgramState.Backoff => $"{note}; retry {backoff} of {p.StartRetries}",
            ProgramState.Stopped when lastExit is null => "Not started",
            _ => note ?? lastExit?.Description ?? "",
        };
        return info with
        {
            State = state.ToString().ToUpperInvariant(),
            StateSince = since,
            Description = description,
            Pid = state is ProgramState.Running or ProgramState.Starting or ProgramState.Stopping ? pid : null,
            UptimeSeconds = uptime,
            Backoff = backoff,
            Restarts = restarts,
            LastExit = lastExit,
            StartSeconds = p.StartSeconds,
            StartRetries = p.StartRetries,
            Autorestart = p.AutorestartMode.ToString().ToLowerInvariant(),
            ExitCodes = p.EffectiveExitCodes,
            LogFile = logFile,
            CpuSeconds = Math.Round(members.Sum(m => m.CpuSeconds), 2),
            RssBytes = members.Sum(m => m.RssBytes),
        };
    }

    /// <summary>Supervisor's stop: STOPPING, the group killed (TERM, grace, KILL), STOPPED; a pending retry or restart is cancelled.</summary>
    public async Task<StopResult> StopAsync(string programName, CancellationToken cancellationToken = default)
    {
        var program = Options.Programs.FirstOrDefault(p => string.Equals(p.Name, programName, StringComparison.OrdinalIgnoreCase));
        if (program is null) return new StopResult(programName, StopOutcome.NotDeclared, "", null, $"No program named '{programName}' is declared.");
        int pgid;
        ProgramRuntime rt;
        // A start in progress (posix_spawn runs outside the lock) is let finish, so the stop sees and ends what it started.
        for (int i = 0; i < 500 && IsBeingStarted(program.Name); i++) await Task.Delay(10, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            SyncRuntimesLocked();
            if (!_runtimes.TryGetValue(program.Name, out rt!))
                return new StopResult(program.Name, StopOutcome.NotDeclared, "", null, $"'{program.Name}' is no longer declared.");
            switch (rt.State)
            {
                case ProgramState.Starting or ProgramState.Running or ProgramState.Stopping when rt.Pgid is { } p:
                    rt.Enter(ProgramState.Stopping, now);
                    pgid = p;
                    break;
                case ProgramState.Backoff or ProgramState.Exited when rt.State == ProgramState.Backoff || rt.RestartPending:
                    string was = rt.State.ToString().ToUpperInvariant();
                    rt.RestartPending = false;
                    rt.Enter(ProgramState.Stopped, now, $"stopped while {was}");
                    return new StopResult(program.Name, StopOutcome.Stopped, "STOPPED", null, $"'{program.Name}' was {was}: the pending start is cancelled.");
                default:
                    return new StopResult(program.Name, StopOutcome.NotRunning, rt.State.ToString().ToUpperInvariant(), null,
                        $"'{program.Name}' is not running ({rt.State.ToString().ToUpperInvariant()}).");
            }
        }
        var kill = await KillGroupAsync(pgid, cancellationToken);
        lock (_gate)
        {
            if (rt.State == ProgramState.Stopping && rt.Pgid == pgid)
            {
                rt.Pgid = null;
                rt.Enter(ProgramState.Stopped, DateTimeOffset.UtcNow);
            }
            return new StopResult(program.Name, StopOutcome.Stopped, rt.State.ToString().ToUpperInvariant(), kill,
                kill?.Detail ?? $"'{program.Name}' had already ended.");
        }
    }

    private bool IsBeingStarted(string name)
    {
        lock (_gate) return _starting.Contains(name);
    }

    /// <summary>Stop (when running) then start, as supervisorctl restart.</summary>
    public async Task<(StopResult Stop, StartResult Start)> RestartAsync(string programName, CancellationToken cancellationToken = default)
    {
        var stop = await StopAsync(programName, cancellationToken);
        if (stop.Outcome == StopOutcome.NotDeclared)
            return (stop, new StartResult(programName, StartOutcome.NotDeclared, null, stop.Detail));
        return (stop, Start(programName));
    }

    /// <summary>The program's captured log, or null when it is not declared; <see cref="ProgramLog"/> is null when its output is not captured.</summary>
    public bool TryGetLog(string programName, out string name, out ProgramLog? log)
    {
        lock (_gate)
        {
            SyncRuntimesLocked();
            if (_runtimes.TryGetValue(programName, out var rt))
            {
                (name, log) = (rt.Options.Name, rt.Log);
                return true;
            }
        }
        (name, log) = (programName, null);
        return false;
    }

    /// <summary>The program's state now (STOPPED when it is not declared).</summary>
    public ProgramState StateOf(string programName)
    {
        lock (_gate)
        {
            SyncRuntimesLocked();
            return _runtimes.TryGetValue(programName, out var rt) ? rt.State : ProgramState.Stopped;
        }
    }

    private Meter CreateMeter()
    {
        var meter = new Meter(MeterName);
        meter.CreateObservableGauge("adminserver.process.groups", () => { lock (_gate) return _groups.Count; }, null, "Managed process groups");
        meter.CreateObservableGauge("adminserver.program.state", () =>
        {
            lock (_gate)
                return _runtimes.Values.SelectMany(rt => Enum.GetValues<ProgramState>().Select(s => new Measurement<int>(rt.State == s ? 1 : 0,
                    new("program", rt.Options.Name), new("state", s.ToString().ToUpperInvariant())))).ToList();
        }, null, "1 for the program's supervisor state now, 0 for the others");
        meter.CreateObservableCounter("adminserver.program.starts", () =>
        {
            lock (_gate) return _starts.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("program", kv.Key))).ToList();
        }, null, "Instances started (by an operator, a retry or an autorestart)");
        meter.CreateObservableGauge("adminserver.program.uptime", () =>
        {
            var now = DateTimeOffset.UtcNow;
            lock (_gate)
                return _runtimes.Values.Where(rt => rt.IsUp && rt.StartedAt is not null)
                    .Select(rt => new Measurement<double>((now - rt.StartedAt!.Value).TotalSeconds, new KeyValuePair<string, object?>("program", rt.Options.Name))).ToList();
        }, "s", "Seconds since the running instance started");
        return meter;
    }

    public void Dispose()
    {
        _tick.Dispose();
        _meter.Dispose();
    }
}
