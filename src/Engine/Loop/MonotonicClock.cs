using System.Diagnostics;

namespace AdminServer.Engine.Loop;

/// <summary>
/// Milliseconds from CLOCK_MONOTONIC (through Stopwatch). Not MonotonicClock.NowMs: on Linux
/// that reads the coarse clock, which lags real time by up to a scheduler tick (4 ms at HZ=250),
/// and a timer computed from it can fire a few milliseconds before its timeout has really passed.
/// </summary>
internal static class MonotonicClock
{
    private static readonly long TicksPerMs = Stopwatch.Frequency / 1000;

    public static long NowMs => Stopwatch.GetTimestamp() / TicksPerMs;
}
