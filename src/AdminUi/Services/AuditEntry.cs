namespace AdminServer.AdminUi.Services;

/// <summary>One thing that happened to the server and who did it: a mode switch, a reload, a signal, a kill.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Category, string Actor, string Action, string Result);
