namespace AdminServer.Engine.Metrics;

/// <summary>
/// Counters written by exactly one thread (a loop or a worker) with plain increments,
/// so the hot path pays no interlocked operation; readers sum all threads' sets.
/// 64-bit stores are atomic on x64, so a reader sees each value whole, if slightly old.
/// </summary>
public sealed class IoCounters
{
    public long EpollWaits;
    public long Events;
    public long StaleEvents;
    public long EpollCtls;
    public long Accepts;
    public long AcceptErrors;
    public long Reads;
    public long EagainReads;
    public long Writes;
    public long EagainWrites;
    public long BytesIn;
    public long BytesOut;
    public long Dispatches;
    public long Collisions;
    public long Coalesced;
    public long Closes;

    public void AddTo(ref CounterSnapshot s)
    {
        s = s with
        {
            EpollWaits = s.EpollWaits + Volatile.Read(ref EpollWaits),
            Events = s.Events + Volatile.Read(ref Events),
            StaleEvents = s.StaleEvents + Volatile.Read(ref StaleEvents),
            EpollCtls = s.EpollCtls + Volatile.Read(ref EpollCtls),
            Accepts = s.Accepts + Volatile.Read(ref Accepts),
            AcceptErrors = s.AcceptErrors + Volatile.Read(ref AcceptErrors),
            Reads = s.Reads + Volatile.Read(ref Reads),
            EagainReads = s.EagainReads + Volatile.Read(ref EagainReads),
            Writes = s.Writes + Volatile.Read(ref Writes),
            EagainWrites = s.EagainWrites + Volatile.Read(ref EagainWrites),
            BytesIn = s.BytesIn + Volatile.Read(ref BytesIn),
            BytesOut = s.BytesOut + Volatile.Read(ref BytesOut),
            Dispatches = s.Dispatches + Volatile.Read(ref Dispatches),
            Collisions = s.Collisions + Volatile.Read(ref Collisions),
            Coalesced = s.Coalesced + Volatile.Read(ref Coalesced),
            Closes = s.Closes + Volatile.Read(ref Closes),
        };
    }
}
