using AdminServer.AdminUi.Services;
using AdminServer.Engine.Processes;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Reaps exited children on a thread of its own ("adminserver-reaper") whenever SIGCHLD asks it to:
/// <see cref="Request"/> only sets an event, so the engine loop that delivers the signal never waits
/// for the process manager's lock or a /proc scan. Requests that arrive while a pass runs fold into
/// one more pass (SIGCHLD does not queue either). A pass that fails (no fd to read /proc with) is
/// logged and audited once, and retried every second until one succeeds, so no zombie is forgotten.
/// </summary>
public sealed class ChildReaper : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);
    private readonly AutoResetEvent _wake = new(false);
    private readonly ProcessManager _processes;
    private readonly AuditLog _audit;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public ChildReaper(ProcessManager processes, AuditLog audit, ILogger logger)
    {
        _processes = processes;
        _audit = audit;
        _logger = logger;
        _thread = new Thread(Run) { Name = "adminserver-reaper", IsBackground = true };
        _thread.Start();
    }

    public void Request() => _wake.Set();

    private void Run()
    {
        bool failing = false;
        while (true)
        {
            _wake.WaitOne(failing ? RetryInterval : Timeout.InfiniteTimeSpan);
            if (_stopping) return;
            try
            {
                foreach (var exit in _processes.ReapExited())
                    _audit.Add("process", "kernel", $"{exit.Program} pid {exit.Pid} (group {exit.Pgid}) exited", exit.Description);
                if (failing) _logger.LogInformation("Reaping works again");
                failing = false;
            }
            catch (Exception e)
            {
                if (!failing)
                {
                    _logger.LogWarning("Reaping after SIGCHLD failed, retrying every {Interval}: {Error}", RetryInterval, e.Message);
                    _audit.Add("process", "kernel", "reap exited children", $"failed, retrying every second: {e.Message}");
                }
                failing = true;
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _thread.Join(TimeSpan.FromSeconds(5));
    }
}
