using AdminServer.Engine.Metrics;

namespace AdminServer.Engine.Services.Http;

/// <summary>The HTTP service at one moment: requests, responses by status class, refused heads, timeouts, body bytes, request durations.</summary>
public sealed record HttpStatsSnapshot(
    long Requests,
    long Responses1xx,
    long Responses2xx,
    long Responses3xx,
    long Responses4xx,
    long Responses5xx,
    long ParseErrors,
    long Timeouts,
    long BodyBytes,
    long NotModified,
    LatencySnapshot Duration);
