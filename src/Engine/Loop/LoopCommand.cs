namespace AdminServer.Engine.Loop;

/// <summary>
/// A unit of cross-thread work for a loop. Worker hand-backs are the hot case and carry
/// no delegate, so they allocate nothing; admin requests carry an action.
/// </summary>
internal readonly record struct LoopCommand(Connection? Connection, WorkResult Result, Action? Action)
{
    public static LoopCommand WorkDone(Connection c, WorkResult r) => new(c, r, null);

    public static LoopCommand Run(Action action) => new(null, default, action);
}
