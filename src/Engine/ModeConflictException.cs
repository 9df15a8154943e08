namespace AdminServer.Engine;

/// <summary>A requested combination of settings that makes no sense (the API answers 409 with the message); nothing was changed.</summary>
public sealed class ModeConflictException(string message) : Exception(message);
