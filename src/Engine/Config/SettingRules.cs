using AdminServer.Engine.Demux;

namespace AdminServer.Engine.Config;

/// <summary>
/// Which concurrency pattern, connection mode and demultiplexer make sense together. A combination
/// that does not is refused with the reason (the API's 409), never silently half-applied.
/// </summary>
public static class SettingRules
{
    /// <summary>Null if the combination makes sense; otherwise why not, in a sentence for the operator.</summary>
    public static string? Conflict(ConcurrencyKind kind, ConnectionMode mode, PollerKind poller)
    {
        if (mode.Model == EventModel.IoUring)
        {
            if (Uring.UringProbe.UnavailableReason is { } why) return $"IoUring is unavailable here: {why}.";
            if (kind == ConcurrencyKind.LeaderFollower)
                return "LeaderFollower hands readiness from one shared epoll to whichever thread waited; io_uring completions belong to the ring of the loop " +
                       "that submitted them. Use IoUring with LoopPerCore (completions served on their loop) or HalfSyncHalfAsync (served by workers).";
            if (poller != PollerKind.Epoll)
                return $"IoUring waits in io_uring_enter and watches the loop's other fds through one POLL on the epoll fd; it needs Epoll, not {poller}.";
        }
        if (mode.Model == EventModel.Proactor && kind != ConcurrencyKind.HalfSyncHalfAsync)
            return $"{kind} runs read, service and write on the thread that received the event; the simulated Proactor needs a loop that reads and " +
                   "separate workers that run the service, which only HalfSyncHalfAsync has. Set \"eventModel\": \"Reactor\" with it, or choose HalfSyncHalfAsync.";
        if (poller != PollerKind.Epoll && mode.Trigger == TriggerMode.ET)
            return $"{poller} is level-triggered only: it reports an fd for as long as it is ready and has no edge mode. " +
                   "Set \"trigger\": \"LT\" in the same request, or stay on Epoll.";
        if (poller != PollerKind.Epoll && kind == ConcurrencyKind.LeaderFollower)
            return $"LeaderFollower lets the thread that handled an fd re-arm it while the new leader waits; {poller} keeps its interest set in user space, " +
                   "read by the waiting thread, so only Epoll (whose set lives in the kernel) supports that.";
        return null;
    }
}
