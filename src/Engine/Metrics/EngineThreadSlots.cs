namespace AdminServer.Engine.Metrics;

/// <summary>Small integer ids for engine threads, so per-thread rows (histograms) can be arrays indexed without a lookup.</summary>
internal static class EngineThreadSlots
{
    public const int Max = 1024;
    private static int _next = -1;

    /// <summary>A slot for a new thread; slots are not reused (a process creates few engine threads), and past <see cref="Max"/> they are shared.</summary>
    public static int Next() => Interlocked.Increment(ref _next) % Max;
}
