namespace AdminServer.AdminUi.Components.Threads;

/// <summary>One step of one request in the pattern diagram: what happens, which thread does it, and a note on how.</summary>
public sealed record PatternStep(string Step, string Thread, string Note, int Lane);
