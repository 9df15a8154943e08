using AdminServer.Engine.Metrics;

namespace AdminServer.Engine;

/// <summary>One event loop (one demultiplexer): the threads that run its turns now, its connections and its counters.</summary>
public sealed record LoopInfo(int Index, string Name, string Poller, IReadOnlyList<string> Threads, int Connections, CounterSnapshot Counters);
