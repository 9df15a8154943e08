namespace AdminServer.Engine.Services;

/// <summary>The services a listener may name in configuration.</summary>
public static class ServiceCatalog
{
    private static readonly Dictionary<string, IService> Services = new(StringComparer.OrdinalIgnoreCase)
    {
        ["echo"] = new EchoService(),
        ["discard"] = new DiscardService(),
    };

    public static IEnumerable<string> Names => Services.Keys;

    public static IService Get(string name) =>
        Services.TryGetValue(name, out var s) ? s : throw new ArgumentException($"unknown service '{name}'");
}
