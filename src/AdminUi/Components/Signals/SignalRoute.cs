namespace AdminServer.AdminUi.Components.Signals;

/// <summary>A signal the server handles through its unified signal source, and what its handler does.</summary>
public sealed record SignalRoute(string Signal, string Action, bool Audited);
