using AdminServer.Engine.Loop;
using AdminServer.Engine.Services;

namespace AdminServer.Engine.Io;

/// <summary>
/// Hands received bytes to a connection's session, with whatever it left unconsumed last time
/// in front of them. Returns a close reason when the session misbehaves or the carry overflows.
/// </summary>
internal static class SessionFeed
{
    public static string? Feed(Connection c, ReadOnlySpan<byte> data, SessionOutput output)
    {
        if (c.Carry.IsEmpty)
        {
            int used = c.Session.OnData(data, output);
            if ((uint)used > (uint)data.Length) return $"service error: consumed {used} of {data.Length} bytes";
            if (used < data.Length && !c.Carry.Append(data[used..])) return "input too large";
        }
        else
        {
            if (!c.Carry.Append(data)) return "input too large";
            int used = c.Session.OnData(c.Carry.Span, output);
            if ((uint)used > (uint)c.Carry.Length) return $"service error: consumed {used} of {c.Carry.Length} bytes";
            c.Carry.Consume(used);
        }
        if (output.CloseRequested) c.CloseAfterFlush = true;
        return null;
    }
}
