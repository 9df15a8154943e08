using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;

namespace AdminServer.Engine.Concurrency;

/// <summary>The registry of patterns, and which settings make sense with which (refused with a reason otherwise).</summary>
internal static class ConcurrencyPatterns
{
    public static IConcurrencyPattern Create(ConcurrencyKind kind) => kind switch
    {
        ConcurrencyKind.LoopPerCore => new LoopPerCorePattern(),
        ConcurrencyKind.HalfSyncHalfAsync => new HalfSyncHalfAsyncPattern(),
        ConcurrencyKind.LeaderFollower => new LeaderFollowerPattern(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown concurrency pattern"),
    };

    /// <summary>Null if the combination makes sense; otherwise why not, in a sentence for the operator.</summary>
    public static string? Conflict(ConcurrencyKind kind, ConnectionMode mode, PollerKind poller)
    {
        if (mode.Model == EventModel.Proactor && kind != ConcurrencyKind.HalfSyncHalfAsync)
            return $"{kind} runs read, service and write on the thread that received the event; the simulated Proactor needs a loop that reads and " +
                   "separate workers that run the service, which only HalfSyncHalfAsync has. Set \"eventModel\": \"Reactor\" with it, or choose HalfSyncHalfAsync.";
        return null;
    }
}
