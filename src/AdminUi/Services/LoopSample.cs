using AdminServer.Engine;

namespace AdminServer.AdminUi.Services;

/// <summary>One event loop (one demultiplexer) over the last monitor interval: its counters as they stand and the rates that matter.</summary>
public sealed record LoopSample(LoopInfo Info, double WaitsPerSec, double EventsPerWait, double FdsScannedPerWait, double ReadsPerSec,
    double BytesInPerSec, double BytesOutPerSec, double RunsPerSec, double CollisionsPerSec)
{
    public static LoopSample Between(LoopInfo? before, LoopInfo now, double seconds)
    {
        if (before is null || seconds <= 0) return new(now, 0, 0, 0, 0, 0, 0, 0, 0);
        var (a, b) = (before.Counters, now.Counters);
        long waits = b.Waits - a.Waits;
        long runs = b.InlineRuns + b.WorkerRuns + b.HandlerRuns - (a.InlineRuns + a.WorkerRuns + a.HandlerRuns);
        return new(now, waits / seconds,
            waits > 0 ? (double)(b.Events - a.Events) / waits : 0,
            waits > 0 ? (double)(b.FdsScanned - a.FdsScanned) / waits : 0,
            (b.Reads - a.Reads) / seconds, (b.BytesIn - a.BytesIn) / seconds, (b.BytesOut - a.BytesOut) / seconds,
            runs / seconds, (b.Collisions - a.Collisions) / seconds);
    }
}
