using AdminServer.AdminUi.Components.Shared;
using AdminServer.Engine.Timers;

namespace AdminServer.AdminUi.Components.Timers;

/// <summary>The Timers page's "Explain" panel: what the structure holds now and how it sets the loop's sleep.</summary>
public static class TimersExplainer
{
    public static IReadOnlyList<string> Explain(TimerShape s, int idleTimeoutSeconds)
    {
        var said = new List<string>();
        if (s.TotalCount == 0)
        {
            said.Add(idleTimeoutSeconds == 0
                ? "No timers: the idle timeout is off (Engine:IdleTimeoutSeconds 0), so connections have none."
                : "No timers: no connection is open. Each new connection gets one, due " + idleTimeoutSeconds + " s after its last activity.");
            said.Add("With nothing due, the loop's wait has no timeout at all: it sleeps until a socket or a signal wakes it.");
            return said;
        }
        string next = s.NextDueInMs is { } ms ? Format.Duration(TimeSpan.FromMilliseconds(ms)) : "never";
        said.Add($"{s.TotalCount} idle timer{(s.TotalCount == 1 ? "" : "s")} pending, one per open connection" +
                 (s.LoopCounts.Length > 1 ? $", spread over the loops ({string.Join(" + ", s.LoopCounts)}); this is loop {s.Loop}'s" : "") + ".");
        said.Add($"The next expiry is in {next}: loop {s.Loop}'s {(s.Kind == TimerKind.List ? "SIGALRM tick checks the list head" : "wait uses that as its timeout")}, " +
                 "so an idle loop sleeps exactly until a timer is due instead of polling.");
        switch (s.Kind)
        {
            case TimerKind.Heap:
                said.Add("Min-heap: the root is always the earliest deadline; the tree is drawn in array order (children of i at 2i+1 and 2i+2).");
                break;
            case TimerKind.Wheel:
                var busiest = s.Levels.SelectMany(l => l.Occupancy.Select((n, slot) => (l.Level, Slot: slot, Count: n))).MaxBy(x => x.Count);
                said.Add($"Wheel: the highlighted slot on each ring is the current time; timers sit in the slot of their deadline. " +
                         $"The fullest slot is level {busiest.Level} slot {busiest.Slot} with {busiest.Count} timer{(busiest.Count == 1 ? "" : "s")} " +
                         $"(connections opened within the same {Granularity(s, busiest.Level)}).");
                break;
            case TimerKind.List:
                said.Add("Sorted list: the head is the earliest deadline; a new timer with the common timeout goes to the tail.");
                break;
        }
        return said;
    }

    private static string Granularity(TimerShape s, int level) =>
        s.Levels.FirstOrDefault(l => l.Level == level) is { } l ? Format.Duration(TimeSpan.FromMilliseconds(l.GranularityMs)) : "slot";
}
