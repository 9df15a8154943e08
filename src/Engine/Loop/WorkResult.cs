namespace AdminServer.Engine.Loop;

/// <summary>
/// What the thread that ran a connection's I/O tells the owning loop when it hands it back.
/// <see cref="Seq"/> orders results from successive runs, so a late-arriving older result is ignored.
/// </summary>
internal readonly record struct WorkResult(long Seq, bool WantWrite, bool MoreToRead, bool ReadPaused, string? CloseReason)
{
    /// <summary>A dispatch that found the connection busy: it did nothing and reports nothing.</summary>
    public static readonly WorkResult None = new(0, false, false, false, null);
}
