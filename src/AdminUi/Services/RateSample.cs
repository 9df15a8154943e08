namespace AdminServer.AdminUi.Services;

/// <summary>
/// The engine's activity over one publisher interval, as per-second rates: one point of every
/// dashboard chart.
/// </summary>
public sealed record RateSample(
    DateTimeOffset At,
    int Connections,
    double BytesInPerSec,
    double BytesOutPerSec,
    double WaitsPerSec,
    double EventsPerWait,
    double EagainReadsPerSec,
    double CollisionsPerSec,
    double AcceptsPerSec,
    double ClosesPerSec);
