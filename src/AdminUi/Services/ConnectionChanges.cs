using ConnectionInfo = AdminServer.Engine.Loop.ConnectionInfo;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// Connections opened and closed since the previous snapshot. Each list is capped so a burst
/// of 10,000 connects stays a small message; <see cref="Truncated"/> then tells a subscriber to
/// fetch the whole table once (hub method GetConnections).
/// </summary>
public sealed record ConnectionChanges(IReadOnlyList<ConnectionInfo> Added, IReadOnlyList<long> Removed, bool Truncated)
{
    public static readonly ConnectionChanges None = new([], [], false);
}
