namespace AdminServer.Engine.Config;

/// <summary>How epoll reports readiness of a connection socket.</summary>
public enum TriggerMode
{
    /// <summary>Edge-triggered: one report per change; the reader must drain to EAGAIN.</summary>
    ET,
    /// <summary>Level-triggered: reported on every wait while data is pending.</summary>
    LT,
}
