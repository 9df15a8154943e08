namespace AdminServer.Engine;

/// <summary>What an operator can do to a listener at runtime (HAProxy's disable/enable frontend, plus a graceful drain).</summary>
public enum ListenerAction
{
    Disable,
    Enable,
    Drain,
}
