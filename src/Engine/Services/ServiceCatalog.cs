using System.Collections.Concurrent;

namespace AdminServer.Engine.Services;

/// <summary>The services a listener may name in configuration.</summary>
public static class ServiceCatalog
{
    private static readonly ConcurrentDictionary<string, IService> Services = new(StringComparer.OrdinalIgnoreCase)
    {
        ["echo"] = new EchoService(),
        ["discard"] = new DiscardService(),
    };

    public static IEnumerable<string> Names => Services.Keys;

    public static IService Get(string name) =>
        Services.TryGetValue(name, out var s) ? s : throw new ArgumentException($"unknown service '{name}'");

    /// <summary>Adds a service under its name (the tests' instrumented services); one registration per service type.</summary>
    internal static void Register(IService service) => Services[service.Name] = service;
}
