using System.Diagnostics.CodeAnalysis;

namespace AdminServer.Engine.Timers;

// Throwing from a separate non-inlined method keeps the hot Add/Adjust paths small enough to inline.
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void NodeAlreadyPending() =>
        throw new InvalidOperationException("The timer node is already pending; Cancel it or use Adjust.");

    [DoesNotReturn]
    public static void NodeInOtherQueue() =>
        throw new InvalidOperationException("The timer node is pending in a different queue.");
}
