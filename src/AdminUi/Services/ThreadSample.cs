using AdminServer.Engine.Threads;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// One engine thread over the last monitor interval: its role now, its CPU use (100 = one core
/// fully busy) and the events it received and the service runs it did, per second.
/// </summary>
public sealed record ThreadSample(string Name, int Tid, string Role, double CpuPercent, double EventsPerSec, double RunsPerSec, long Events, long Runs)
{
    /// <summary>"loop", "worker", "lf" from adminserver-loop-0, adminserver-worker-1, adminserver-lf-2.</summary>
    public string Kind => Name.Split('-') is [_, var kind, ..] ? kind : Name;

    public static ThreadSample Between(EngineThreadInfo? before, double? cpuBefore, EngineThreadInfo now, double? cpuNow, double seconds) =>
        new(now.Name, now.Tid, now.Role,
            cpuBefore is { } a && cpuNow is { } b && seconds > 0 ? Math.Max(0, (b - a) / seconds * 100) : 0,
            before is null || seconds <= 0 ? 0 : Math.Max(0, now.Events - before.Events) / seconds,
            before is null || seconds <= 0 ? 0 : Math.Max(0, now.Runs - before.Runs) / seconds,
            now.Events, now.Runs);
}
