using ConnectionInfo = AdminServer.Engine.Loop.ConnectionInfo;

namespace AdminServer.AdminUi.Components.Shared;

/// <summary>A row of the Connections table: the engine's record plus its idle time when it was read.</summary>
public sealed record ConnectionRow(long Id, string Service, string Listener, string Remote, string State, string Mode,
    long BytesIn, long BytesOut, int PendingBytes, TimeSpan Idle, string Loop)
{
    public static ConnectionRow From(ConnectionInfo c, DateTimeOffset readAt) =>
        new(c.Id, c.Service, c.Listener, c.Remote, c.State, c.Mode, c.BytesIn, c.BytesOut, c.PendingBytes,
            readAt - c.LastActivityAt < TimeSpan.Zero ? TimeSpan.Zero : readAt - c.LastActivityAt, c.Loop);

    public bool Matches(string filter) =>
        Id.ToString().Contains(filter, StringComparison.OrdinalIgnoreCase)
        || Service.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || Listener.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || Remote.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || State.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || Mode.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || Loop.Contains(filter, StringComparison.OrdinalIgnoreCase);
}
