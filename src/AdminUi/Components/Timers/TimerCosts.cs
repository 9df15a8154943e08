using AdminServer.Engine.Timers;

namespace AdminServer.AdminUi.Components.Timers;

/// <summary>The measured costs of docs/benchmarks.md, per structure, with what each number means for the engine.</summary>
public static class TimerCosts
{
    public static IReadOnlyList<TimerCost> For(TimerKind kind) => kind switch
    {
        TimerKind.List =>
        [
            new("add", "O(1) when every timeout is the same (append at the tail); O(n) otherwise", 9.4, 11.8),
            new("cancel", "O(1): unlink a node", 6.9, 99.3),
            new("expire", "O(1) per fired timer: pop the head", 1.8, 3.1),
        ],
        TimerKind.Wheel =>
        [
            new("add", "O(1): a shift picks the level and slot", 9.4, 14.4),
            new("cancel", "O(1): unlink from the slot list", 7.6, 121.2),
            new("expire", "O(1) per timer, cascades included (a timer may move down up to 5 levels)", 17.0, 18.8),
        ],
        _ =>
        [
            new("add", "O(log n): sift up (O(1) when deadlines only grow)", 5.1, 14.2),
            new("cancel", "O(log n): remove from the middle and re-sift", 25.4, 274.4),
            new("expire", "O(log n) per fired timer: pop the root", 63.4, 228.4),
        ],
    };

    public static string Note(TimerKind kind) => kind switch
    {
        TimerKind.List => "A sorted list is the book's first timer container, ticked here by SIGALRM. With one idle timeout for every connection a new deadline is always the latest, so adding is appending.",
        TimerKind.Wheel => "The hierarchical wheel (6 levels of 64 slots: 1 ms, 64 ms, 4.1 s … per slot) makes every operation O(1); a 60 s idle timer waits in a 4.1 s slot of level 2 and cascades to finer levels as its time nears.",
        _ => "The min-heap keeps the next deadline at the root (array[0]); epoll_wait's timeout is that deadline minus now.",
    };

    public const string Source = "Mean per operation, from docs/benchmarks.md (BenchmarkDotNet, 2 vCPU VM). At 10⁶ timers cancel is dominated by cache misses (~80–120 ns each), not by the structure: in insertion order it costs 4–6 ns.";
}
