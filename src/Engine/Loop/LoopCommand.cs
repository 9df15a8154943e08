namespace AdminServer.Engine.Loop;

/// <summary>
/// A unit of cross-thread work for a loop. Connection hand-backs are the hot case and carry no
/// delegate, so they allocate nothing; admin requests and hand-offs carry an action.
/// </summary>
internal readonly record struct LoopCommand(LoopCommandKind Kind, Connection? Connection, WorkResult Result, Action? Action)
{
    /// <summary>A worker returns a dispatch (half-sync/half-async).</summary>
    public static LoopCommand WorkDone(Connection c, WorkResult r) => new(LoopCommandKind.WorkDone, c, r, null);

    /// <summary>A leader/follower handler needs the loop: close, re-read, a pending switch, or a re-arm it may not do itself.</summary>
    public static LoopCommand Returned(Connection c, WorkResult r) => new(LoopCommandKind.Returned, c, r, null);

    public static LoopCommand Run(Action action) => new(LoopCommandKind.Run, null, default, action);
}
