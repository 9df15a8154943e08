namespace AdminServer.Engine;

/// <summary>A bound listener: its configured name and service and the endpoint it actually listens on.</summary>
public sealed record ListenerInfo(string Name, string Service, string EndPoint, int Port);
