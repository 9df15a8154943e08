using System.Diagnostics;

namespace AdminServer.Engine.Loop;

/// <summary>
/// The connections a pattern switch moves from one loop to others, counted down as each one is
/// attached at its destination (or closes on the way). Shared by the source and destination loops.
/// </summary>
internal sealed class ConnectionMove
{
    private int _remaining = 1; // the source loop's own hold, released once it has marked every mover
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Moved;
    public Stopwatch Clock { get; } = Stopwatch.StartNew();
    public Task Done => _done.Task;

    public void Add() => Interlocked.Increment(ref _remaining);

    public void OneDone()
    {
        if (Interlocked.Decrement(ref _remaining) == 0) _done.TrySetResult();
    }
}
