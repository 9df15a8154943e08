namespace AdminServer.AdminUi.Components.Timers;

/// <summary>
/// What one timer structure costs per operation: the complexity and the measured mean (ns) at 10⁴ and
/// 10⁶ pending timers, from docs/benchmarks.md ("Timers", run 4: BenchmarkDotNet, tiering off, one
/// operation per timer, every timer the same 30 s timeout).
/// </summary>
public sealed record TimerCost(string Operation, string Complexity, double At10K, double At1M);
