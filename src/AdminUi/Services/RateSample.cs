using AdminServer.Engine.Metrics;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// The engine's activity over one publisher interval, as per-second rates: one point of every
/// dashboard chart, placed at <see cref="At"/> (the end of the interval it covers).
/// </summary>
public sealed record RateSample(
    DateTimeOffset At,
    int Connections,
    double BytesInPerSec,
    double BytesOutPerSec,
    double WaitsPerSec,
    double EventsPerWait,
    double EagainReadsPerSec,
    double CollisionsPerSec,
    double AcceptsPerSec,
    double ClosesPerSec)
{
    /// <summary>Fds the demultiplexer examined per wait: every registered fd under select/poll, only the ready ones under epoll.</summary>
    public double FdsScannedPerWait { get; init; }

    /// <summary>Microseconds spent inside each wait call (sleeping, mostly, when idle).</summary>
    public double WaitMicrosPerWait { get; init; }

    public double ReadsPerSec { get; init; }
    public double WritesPerSec { get; init; }
    /// <summary>Interest registrations and changes per second (epoll_ctl under epoll): one per message with ONESHOT.</summary>
    public double EpollCtlsPerSec { get; init; }
    public double StaleEventsPerSec { get; init; }
    /// <summary>Hand-offs to the worker pool (half-sync/half-async).</summary>
    public double DispatchesPerSec { get; init; }
    /// <summary>Service runs on the loop thread that got the event (one loop per core).</summary>
    public double InlineRunsPerSec { get; init; }
    /// <summary>Service runs on workers (half-sync/half-async).</summary>
    public double WorkerRunsPerSec { get; init; }
    /// <summary>Service runs by the leader that waited, after it promoted a follower (leader/follower).</summary>
    public double HandlerRunsPerSec { get; init; }
    public double PromotionsPerSec { get; init; }
    /// <summary>System calls per service run (≈ per request): about 3 for a readiness model (wait share, recv, send), far fewer under io_uring.</summary>
    public double SyscallsPerRun { get; init; }

    /// <summary>The rates between two readings of the counters <paramref name="seconds"/> apart.</summary>
    public static RateSample Between(CounterSnapshot before, CounterSnapshot now, double seconds, int connections, DateTimeOffset at)
    {
        long waits = now.Waits - before.Waits;
        return new RateSample(at, connections,
            (now.BytesIn - before.BytesIn) / seconds,
            (now.BytesOut - before.BytesOut) / seconds,
            waits / seconds,
            waits > 0 ? (double)(now.Events - before.Events) / waits : 0,
            (now.EagainReads - before.EagainReads) / seconds,
            (now.Collisions - before.Collisions) / seconds,
            (now.Accepts - before.Accepts) / seconds,
            (now.Closes - before.Closes) / seconds)
        {
            FdsScannedPerWait = waits > 0 ? (double)(now.FdsScanned - before.FdsScanned) / waits : 0,
            WaitMicrosPerWait = waits > 0 ? (double)(now.WaitMicros - before.WaitMicros) / waits : 0,
            ReadsPerSec = (now.Reads - before.Reads) / seconds,
            WritesPerSec = (now.Writes - before.Writes) / seconds,
            EpollCtlsPerSec = (now.EpollCtls - before.EpollCtls) / seconds,
            StaleEventsPerSec = (now.StaleEvents - before.StaleEvents) / seconds,
            DispatchesPerSec = (now.Dispatches - before.Dispatches) / seconds,
            InlineRunsPerSec = (now.InlineRuns - before.InlineRuns) / seconds,
            WorkerRunsPerSec = (now.WorkerRuns - before.WorkerRuns) / seconds,
            HandlerRunsPerSec = (now.HandlerRuns - before.HandlerRuns) / seconds,
            PromotionsPerSec = (now.Promotions - before.Promotions) / seconds,
            SyscallsPerRun = Runs(now) - Runs(before) is > 0 and var runs ? (double)(now.SystemCalls - before.SystemCalls) / runs : 0,
        };
    }

    private static long Runs(CounterSnapshot c) => c.InlineRuns + c.WorkerRuns + c.HandlerRuns;

    /// <summary>Nothing happening at <paramref name="at"/>: drawn where no sample exists (before the start, while the server was down).</summary>
    public static RateSample Idle(DateTimeOffset at) => new(at, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The mean of several consecutive samples, placed at the last one's time: one point of a zoomed-out chart.</summary>
    public static RateSample Mean(IReadOnlyList<RateSample> samples)
    {
        if (samples.Count == 1) return samples[0];
        double n = samples.Count;
        return new RateSample(samples[^1].At,
            (int)Math.Round(samples.Average(s => s.Connections)),
            samples.Sum(s => s.BytesInPerSec) / n,
            samples.Sum(s => s.BytesOutPerSec) / n,
            samples.Sum(s => s.WaitsPerSec) / n,
            samples.Sum(s => s.EventsPerWait) / n,
            samples.Sum(s => s.EagainReadsPerSec) / n,
            samples.Sum(s => s.CollisionsPerSec) / n,
            samples.Sum(s => s.AcceptsPerSec) / n,
            samples.Sum(s => s.ClosesPerSec) / n)
        {
            FdsScannedPerWait = samples.Sum(s => s.FdsScannedPerWait) / n,
            WaitMicrosPerWait = samples.Sum(s => s.WaitMicrosPerWait) / n,
            ReadsPerSec = samples.Sum(s => s.ReadsPerSec) / n,
            WritesPerSec = samples.Sum(s => s.WritesPerSec) / n,
            EpollCtlsPerSec = samples.Sum(s => s.EpollCtlsPerSec) / n,
            StaleEventsPerSec = samples.Sum(s => s.StaleEventsPerSec) / n,
            DispatchesPerSec = samples.Sum(s => s.DispatchesPerSec) / n,
            InlineRunsPerSec = samples.Sum(s => s.InlineRunsPerSec) / n,
            WorkerRunsPerSec = samples.Sum(s => s.WorkerRunsPerSec) / n,
            HandlerRunsPerSec = samples.Sum(s => s.HandlerRunsPerSec) / n,
            PromotionsPerSec = samples.Sum(s => s.PromotionsPerSec) / n,
            SyscallsPerRun = samples.Sum(s => s.SyscallsPerRun) / n,
        };
    }
}
