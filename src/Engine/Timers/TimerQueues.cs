namespace AdminServer.Engine.Timers;

/// <summary>Creates timer queues by kind, so the engine can switch structures at runtime.</summary>
public static class TimerQueues
{
    /// <summary>Creates an empty queue of the given kind whose notion of time starts at <paramref name="now"/>.</summary>
    public static ITimerQueue Create(TimerKind kind, long now) => Create(kind, now, capacityHint: 0);

    /// <summary>
    /// As <see cref="Create(TimerKind, long)"/>, pre-sizing the heap array for
    /// <paramref name="capacityHint"/> timers so it does not grow on the hot path (ignored by list and wheel,
    /// which never allocate per timer).
    /// </summary>
    public static ITimerQueue Create(TimerKind kind, long now, int capacityHint) => kind switch
    {
        TimerKind.List => new SortedTimerList(),
        TimerKind.Wheel => new HierarchicalTimerWheel(now),
        TimerKind.Heap => new TimerHeap(capacityHint),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown timer kind."),
    };
}
