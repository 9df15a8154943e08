namespace AdminServer.Engine.Timers;

/// <summary>An owner of timers that can say what its timer is for right now ("idle", "keep-alive", "request"), for snapshots.</summary>
public interface ITimerOwner
{
    string TimerKind { get; }
}
