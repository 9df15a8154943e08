namespace AdminServer.Engine.Loop;

/// <summary>
/// What a worker tells the owning loop when it hands a connection back. <see cref="Seq"/>
/// orders results from successive worker runs, so a late-arriving older result is ignored.
/// </summary>
internal readonly record struct WorkResult(long Seq, bool WantWrite, bool MoreToRead, string? CloseReason)
{
    /// <summary>A dispatch that found the connection busy: it did nothing and reports nothing.</summary>
    public static readonly WorkResult None = new(0, false, false, null);
}
