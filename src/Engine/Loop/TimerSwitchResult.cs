using AdminServer.Engine.Timers;

namespace AdminServer.Engine.Loop;

/// <summary>What a runtime switch of the timer structure did: the kind now in use, timers moved, time taken.</summary>
public sealed record TimerSwitchResult(TimerKind Kind, int Moved, double ElapsedMs);
