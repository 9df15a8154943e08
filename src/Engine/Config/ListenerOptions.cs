namespace AdminServer.Engine.Config;

/// <summary>One listening socket and the service that answers on it.</summary>
public sealed class ListenerOptions
{
    public string Name { get; set; } = "";
    public string Service { get; set; } = "";
    public string Address { get; set; } = "127.0.0.1";
    public int Port { get; set; }
}
