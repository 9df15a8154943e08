using AdminServer.Engine.Config;
using Microsoft.Extensions.Logging;

namespace AdminServer.Engine.Loop;

/// <summary>Runtime switches of trigger mode / ONESHOT / event model, applied per connection when no thread holds it.</summary>
internal sealed partial class EventLoop
{
    public Task<ModeSwitchResult> SwitchModeAsync(ConnectionMode target)
    {
        var sw = new ModeSwitch(target);
        sw.Clock.Start();
        Post(LoopCommand.Run(() =>
        {
            _switches.Enqueue(sw);
            if (_activeSwitch is null) StartNextSwitch();
        }));
        return sw.Completion.Task;
    }

    private void StartNextSwitch()
    {
        while (_activeSwitch is null && _switches.TryDequeue(out var sw))
        {
            _activeSwitch = sw;
            _mode = sw.Target;
            foreach (var c in _connections.Values)
            {
                if (c.CloseReason is not null || c.Mode == sw.Target) continue;
                c.PendingMode = sw.Target;
                if (Want(c))
                {
                    ApplyMode(c, sw.Target);
                    sw.Rearmed++;
                }
                else
                {
                    sw.Remaining++;
                    sw.WaitedForWorkers++;
                }
            }
            if (sw.Remaining == 0) CompleteSwitch();
        }
    }

    /// <summary>Puts <paramref name="target"/> in force on a connection nobody holds and re-registers it.</summary>
    private void ApplyMode(Connection c, ConnectionMode target)
    {
        var old = c.Mode;
        c.Mode = target;
        c.PendingMode = null;
        if (old.Model != target.Model)
        {
            // The new I/O owner inherits unsent output (and the EOF already seen); nothing is in flight.
            c.WantWrite = target.Model == EventModel.Reactor && !c.Outbox.IsEmpty;
            c.ReadPaused = c.EofSeen || c.CloseAfterFlush || Runtime.Pending.MustPause(c.Outbox.MemoryLength, Options.MaxPendingBytes);
        }
        if (target.OneShot && c.Posted) { c.Armed = false; return; } // armed after the posted re-read
        Rearm(c, DesiredInterest(c)); // MOD also re-reports readiness that arrived meanwhile
    }

    private void FinishOneSwitchWaiter(bool rearmed)
    {
        if (_activeSwitch is not { } sw) return;
        if (rearmed) sw.Rearmed++;
        if (--sw.Remaining == 0) CompleteSwitch();
    }

    private void CompleteSwitch()
    {
        var sw = _activeSwitch!;
        sw.Clock.Stop();
        _activeSwitch = null;
        _logger.LogInformation("Mode switched to {Mode} on {Loop}: {Rearmed} fds re-armed, {Waited} waited for a worker, {Elapsed} ms",
            sw.Target, Name, sw.Rearmed, sw.WaitedForWorkers, sw.Clock.Elapsed.TotalMilliseconds);
        sw.Complete();
        StartNextSwitch();
    }
}
