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

    /// <summary>The services a listener may name: the stateless ones here, and "http", which each engine builds from its Http options.</summary>
    public static IEnumerable<string> Names => Services.Keys.Append("http");

    public static IService Get(string name) =>
        Services.TryGetValue(name, out var s) ? s : throw new ArgumentException($"unknown service '{name}'");

    /// <summary>Adds a service under its name (the tests' instrumented services); one registration per service type.</summary>
    internal static void Register(IService service) => Services[service.Name] = service;
}
