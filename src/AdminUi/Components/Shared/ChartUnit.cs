namespace AdminServer.AdminUi.Components.Shared;

/// <summary>What a chart's values are, which decides the y axis' unit and scale.</summary>
public enum ChartUnit
{
    /// <summary>A count now (connections): plain numbers.</summary>
    Count,
    /// <summary>Events per second: /s, k/s, M/s.</summary>
    PerSecond,
    /// <summary>Bytes per second: B/s, KiB/s, MiB/s, GiB/s.</summary>
    BytesPerSecond,
    /// <summary>A ratio (events per wait, fds per wait).</summary>
    Ratio,
}
