using AdminServer.AdminUi.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AdminServer.AdminUi.Security;

/// <summary>
/// Which Host headers the admin answers to: one of the allowed names (<see cref="AdminOptions.EffectiveHosts"/>)
/// with a port the server is actually bound on. The ports come from the server itself, because
/// Admin:Url may say port 0. A DNS-rebinding page reaches the socket under its own name
/// (Host: evil.example:5080) and is turned away here.
/// </summary>
public sealed class AdminHosts(AdminOptions options, IServer server)
{
    private readonly HashSet<string> _names = new(options.EffectiveHosts(), StringComparer.OrdinalIgnoreCase);
    private int[]? _ports;

    public IReadOnlyCollection<string> Names => _names;

    /// <summary>The ports the admin listens on (empty until the server has bound them).</summary>
    public IReadOnlyList<int> Ports
    {
        get
        {
            if (_ports is { } known) return known;
            var read = ReadPorts();
            if (read.Length > 0) _ports = read; // fixed once bound
            return read;
        }
    }

    public bool IsAllowed(HttpRequest request)
    {
        var host = request.Host;
        if (!host.HasValue || !_names.Contains(host.Host)) return false;
        int port = host.Port ?? (request.IsHttps ? 443 : 80);
        return Ports.Contains(port);
    }

    private int[] ReadPorts() =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => Uri.TryCreate(a.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var u) ? u.Port : -1)
            .Where(p => p > 0).Distinct().ToArray() ?? [];
}
