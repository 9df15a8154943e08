using AdminServer.Engine.Config;

namespace AdminServer.Engine.Concurrency;

/// <summary>The registry of concurrency patterns (one line per pattern).</summary>
internal static class ConcurrencyPatterns
{
    public static IConcurrencyPattern Create(ConcurrencyKind kind) => kind switch
    {
        ConcurrencyKind.LoopPerCore => new LoopPerCorePattern(),
        ConcurrencyKind.HalfSyncHalfAsync => new HalfSyncHalfAsyncPattern(),
        ConcurrencyKind.LeaderFollower => new LeaderFollowerPattern(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown concurrency pattern"),
    };
}
