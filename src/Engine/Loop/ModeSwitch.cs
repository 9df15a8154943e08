using System.Diagnostics;
using AdminServer.Engine.Config;

namespace AdminServer.Engine.Loop;

/// <summary>
/// A runtime switch of trigger mode / ONESHOT / event model in progress on one loop.
/// A connection is switched only when no worker holds it, so the I/O owner never changes
/// under a running read or write: that is what keeps bytes from being lost or reordered.
/// </summary>
internal sealed class ModeSwitch(ConnectionMode target)
{
    public ConnectionMode Target { get; } = target;
    public TaskCompletionSource<ModeSwitchResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public Stopwatch Clock { get; } = new();
    public int Remaining;
    public int Rearmed;
    public int WaitedForWorkers;

    public void Complete() =>
        Completion.TrySetResult(new ModeSwitchResult(Target, Rearmed, WaitedForWorkers, Clock.Elapsed.TotalMilliseconds));
}
