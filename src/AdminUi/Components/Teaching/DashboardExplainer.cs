using System.Globalization;
using AdminServer.AdminUi.Components.Shared;
using AdminServer.AdminUi.Services;
using AdminServer.Engine.Config;

namespace AdminServer.AdminUi.Components.Teaching;

/// <summary>
/// The Dashboard's "Explain" panel: a few sentences on what the engine is doing at this moment, each
/// built from the last interval's measurements and the settings in force, so the reader connects a
/// number on the screen with the mechanism behind it.
/// </summary>
public static class DashboardExplainer
{
    public static IReadOnlyList<string> Explain(EngineSnapshot s)
    {
        var r = s.Rates;
        var said = new List<string>();
        bool busy = r.WaitsPerSec > 0 && (r.ReadsPerSec > 1 || r.BytesInPerSec > 100);
        string poller = s.Poller.ToLowerInvariant();

        string open = $"{s.Connections} connection{(s.Connections == 1 ? " is" : "s are")} open";
        if (!busy && r.WaitsPerSec < 0.5)
            said.Add($"Asleep: every loop is blocked in {poller} with no event and no timer due, so no wait returned in the last half second. {open}.");
        else if (!busy)
            said.Add($"Quiet: {N(r.WaitsPerSec)} waits per second, each spending {Ms(r.WaitMicrosPerWait)} asleep in {poller} until an event or the next " +
                     $"timer deadline (the idle timeouts set how long). {open} and cost nothing while silent" +
                     (s.Poller == "Epoll" ? "." : $" — except under {poller}, which still examines every one of them on each wait."));
        else
            said.Add($"Busy: {N(r.WaitsPerSec)} {poller} calls per second, each returning {r.EventsPerWait:0.#} ready fd{(Math.Abs(r.EventsPerWait - 1) < 0.05 ? "" : "s")} " +
                     $"({N(r.ReadsPerSec)} reads/s, {Format.Bytes(r.BytesInPerSec)}/s in).");

        if (s.Poller == "Epoll")
        {
            if (s.Connections > 0)
                said.Add($"epoll looked at {r.FdsScannedPerWait:0.#} fd{(Math.Abs(r.FdsScannedPerWait - 1) < 0.05 ? "" : "s")} per wait out of {s.Connections} open connections: " +
                         "the kernel hands back only the ready ones, so idle connections add nothing to a wait.");
        }
        else
            said.Add($"{s.Poller} examined {r.FdsScannedPerWait:N0} fds per wait to find {r.EventsPerWait:0.#} ready one{(Math.Abs(r.EventsPerWait - 1) < 0.05 ? "" : "s")}: " +
                     "it checks every registered fd on each call, so this grows with each idle connection. epoll would look at the ready ones only.");

        if (s.Trigger == TriggerMode.LT && !s.OneShot && busy && r.EventsPerWait > 1.5)
            said.Add($"LT reported {r.EventsPerWait:0.#} events per wait because sockets still hold unread data (a handler has not drained them yet): " +
                     "level-triggering reminds on every wait until they are empty.");
        if (r.CollisionsPerSec > 0)
            said.Add($"{N(r.CollisionsPerSec)} collisions per second: a second thread was told about a socket another thread still holds. " +
                     "Turning EPOLLONESHOT on stops this: the socket stays disarmed until its handler re-arms it.");
        else if (s.OneShot && busy)
            said.Add($"ONESHOT re-arms each socket after it is handled: {N(r.EpollCtlsPerSec)} epoll_ctl calls per second, and no collisions.");

        switch (s.Concurrency)
        {
            case ConcurrencyKind.LoopPerCore when busy:
                said.Add($"{N(r.InlineRunsPerSec)} service runs per second happened inline on the loop thread that got the event: no queue, no thread hop.");
                break;
            case ConcurrencyKind.HalfSyncHalfAsync when busy:
                said.Add($"The loop handed {N(r.DispatchesPerSec)} ready connections per second to the workers ({N(r.WorkerRunsPerSec)} worker runs/s); " +
                         $"{s.WorkerQueue} wait{(s.WorkerQueue == 1 ? "s" : "")} in the queue now." +
                         (s.EventModel == EventModel.Proactor ? " As a (simulated) proactor, the loop itself did every recv and send; the workers only transformed buffers." : ""));
                break;
            case ConcurrencyKind.LeaderFollower when busy:
                said.Add($"{N(r.PromotionsPerSec)} leader promotions per second: each time, the thread that waited made a follower the next leader and then " +
                         $"handled the events itself ({N(r.HandlerRunsPerSec)} handler runs/s).");
                break;
        }
        if (r.StaleEventsPerSec > 0)
            said.Add($"{N(r.StaleEventsPerSec)} stale events per second: readiness for an fd whose connection had closed meanwhile, dropped by generation check.");
        return said;
    }

    private static string N(double v) => v >= 100 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Ms(double micros) => micros >= 1000 ? $"{micros / 1000:0.#} ms" : $"{micros:0} µs";
}
