using System.Globalization;
using AdminServer.AdminUi.Services;
using AdminServer.Engine.Config;

namespace AdminServer.AdminUi.Components.Threads;

/// <summary>The Threads page's "Explain" panel: which threads carry the load right now and why the others are idle, from live values.</summary>
public static class ThreadsExplainer
{
    public static IReadOnlyList<string> Explain(IReadOnlyList<ThreadSample> threads, ConcurrencyKind pattern)
    {
        var said = new List<string>();
        if (threads.Count == 0) return said;
        double total = threads.Sum(t => t.CpuPercent);
        var busiest = threads.MaxBy(t => t.CpuPercent)!;
        if (total < 1)
            said.Add($"All {threads.Count} engine threads are asleep (under 1% CPU together): loops blocked in their wait, workers waiting for work.");
        else
            said.Add($"The engine's threads use {total:0}% CPU together (100% = one core); the busiest is {busiest.Name} at {busiest.CpuPercent:0}% as \"{busiest.Role}\", " +
                     $"{N(busiest.EventsPerSec)} events/s and {N(busiest.RunsPerSec)} service runs/s.");
        var byKind = threads.GroupBy(t => t.Kind).ToDictionary(g => g.Key, g => g.ToList());
        switch (pattern)
        {
            case ConcurrencyKind.LoopPerCore:
                said.Add($"One loop per core: the {Count(byKind, "loop")} loop threads each wait, read, serve and write for their own connections; " +
                         $"the {Count(byKind, "worker")} workers stay idle (nothing is handed to them).");
                break;
            case ConcurrencyKind.HalfSyncHalfAsync:
                double workerRuns = byKind.GetValueOrDefault("worker")?.Sum(t => t.RunsPerSec) ?? 0;
                said.Add($"Half-sync/half-async: adminserver-loop-0 waits and queues; the workers ran {N(workerRuns)} services per second between them. " +
                         "Other loops are idle: this pattern uses one demultiplexer.");
                break;
            case ConcurrencyKind.LeaderFollower:
                var leaders = threads.Where(t => t.Role == "leader").Select(t => t.Name).ToArray();
                said.Add($"Leader/follower: {(leaders.Length == 1 ? $"{leaders[0]} is the leader now" : $"{leaders.Length} leaders seen")}; " +
                         $"{threads.Count(t => t.Role == "handling")} thread(s) handling events, {threads.Count(t => t.Role == "follower")} following. " +
                         "The roles move on each event: refresh and they will be elsewhere.");
                break;
        }
        return said;
    }

    private static int Count(Dictionary<string, List<ThreadSample>> byKind, string kind) => byKind.GetValueOrDefault(kind)?.Count ?? 0;

    private static string N(double v) => v >= 100 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.#", CultureInfo.InvariantCulture);
}
