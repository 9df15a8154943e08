using AdminServer.Engine;

namespace AdminServer.AdminUi.Operations;

/// <summary>
/// One listener as GET /api/listeners shows it: where it listens, its state, its counters since start,
/// its service latency (p50/p99, µs), the bytes its open connections have moved so far (null when a loop did not answer in
/// time) and the bytes of all its connections since start (closed + open; null likewise).
/// </summary>
public sealed record ListenerRow(
    string Name,
    string Service,
    string EndPoint,
    int Port,
    string State,
    long Accepts,
    long RefusedConnections,
    long AcceptErrors,
    int OpenConnections,
    double? LatencyP50Micros,
    double? LatencyP99Micros,
    long? OpenBytesIn,
    long? OpenBytesOut,
    long? BytesIn,
    long? BytesOut)
{
    public static ListenerRow From(ListenerInfo l, (long In, long Out)? bytes) =>
        new(l.Name, l.Service, l.EndPoint, l.Port, l.State, l.Accepts, l.RefusedConnections, l.AcceptErrors, l.OpenConnections,
            l.LatencyP50Micros, l.LatencyP99Micros, bytes?.In, bytes?.Out, l.ClosedBytesIn + bytes?.In, l.ClosedBytesOut + bytes?.Out);
}
