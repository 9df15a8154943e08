namespace AdminServer.Engine.Threads;

/// <summary>
/// One engine thread as the admin side sees it: name, kernel thread id, current role, the events it
/// received from a wait and the service runs it did (rates per second are computed from two readings).
/// </summary>
public sealed record EngineThreadInfo(string Name, int Tid, string Role, long Events, long Runs);
