using AdminServer.Engine.Buffers;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Native;

namespace AdminServer.Engine.Io;

/// <summary>The read and write steps every pattern and model shares, counted on the calling thread's own counters.</summary>
internal static class SocketIo
{
    /// <summary>Sends queued bytes until the queue is empty or the socket is full; returns an errno name on failure.</summary>
    public static string? Flush(Connection c, ByteQueue queue, IoContext ctx)
    {
        while (!queue.IsEmpty)
        {
            int n = Send(c, queue.Peek(), ctx);
            if (n > 0) { queue.Consume(n); continue; }
            if (n == 0) return null; // EAGAIN: the socket is full
            return ErrnoName(n);
        }
        return null;
    }

    /// <summary>
    /// Write-through (muduo, Redis): sends <paramref name="bytes"/> straight from the caller's buffer
    /// until the socket is full and queues only the rest, when nothing is queued before it.
    /// </summary>
    public static string? WriteThrough(Connection c, ReadOnlySpan<byte> bytes, IoContext ctx)
    {
        if (!c.Outbox.IsEmpty)
        {
            c.Outbox.Append(bytes);
            return Flush(c, c.Outbox, ctx);
        }
        while (!bytes.IsEmpty)
        {
            int n = Send(c, bytes, ctx);
            if (n > 0) { bytes = bytes[n..]; continue; }
            if (n < 0) return ErrnoName(n);
            c.Outbox.Append(bytes); // EAGAIN: keep the rest for EPOLLOUT
            return null;
        }
        return null;
    }

    /// <summary>One send with EINTR retried: bytes sent, 0 when the socket is full (EAGAIN), or -errno.</summary>
    private static int Send(Connection c, ReadOnlySpan<byte> bytes, IoContext ctx)
    {
        var k = ctx.Counters;
        while (true)
        {
            int n = Sockets.Send(c.Fd, bytes);
            k.Writes++;
            if (n > 0)
            {
                k.BytesOut += n;
                c.BytesOut += n;
                c.LastActivityMs = ctx.NowMs;
                return n;
            }
            if (n == -(int)Errno.EAGAIN) { k.EagainWrites++; return 0; }
            if (n != -(int)Errno.EINTR) return n;
        }
    }

    /// <summary>One recv into <paramref name="buffer"/>, counted: bytes read, 0 at EOF, or -errno (EINTR retried).</summary>
    public static int Receive(Connection c, Span<byte> buffer, IoContext ctx)
    {
        var k = ctx.Counters;
        while (true)
        {
            int n = Sockets.Receive(c.Fd, buffer);
            k.Reads++;
            if (n > 0)
            {
                k.BytesIn += n;
                c.BytesIn += n;
                c.LastActivityMs = ctx.NowMs;
            }
            else if (n == -(int)Errno.EAGAIN) k.EagainReads++;
            if (n != -(int)Errno.EINTR) return n;
        }
    }

    public static string ErrnoName(int negativeErrno) => ((Errno)(-negativeErrno)).ToString();
}
