namespace AdminServer.Engine.Processes;

/// <summary>A signal's target: a member pid, a managed pgid, or the server (Id unused).</summary>
public readonly record struct SignalTarget(SignalTargetKind Kind, int Id)
{
    public override string ToString() => Kind switch
    {
        SignalTargetKind.Process => $"process {Id}",
        SignalTargetKind.Group => $"group {Id}",
        _ => "the server",
    };
}
