using AdminServer.Engine.Buffers;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Native;
using AdminServer.Engine.Services;

namespace AdminServer.Engine.Io;

/// <summary>The read and write steps every pattern and model shares, counted on the calling thread's own counters.</summary>
internal static class SocketIo
{
    /// <summary>A sendfile call moves at most this much, so one big file cannot hold the thread for long.</summary>
    private const long SendFileChunk = 1024 * 1024;

    /// <summary>Sends queued bytes and files until the queue is empty or the socket is full; returns an errno name on failure.</summary>
    public static string? Flush(Connection c, OutputQueue queue, IoContext ctx)
    {
        while (!queue.IsEmpty)
        {
            if (queue.HeadFile is { } file)
            {
                long sent = SendFile(c, file, ctx);
                if (sent > 0) { queue.FileSent(sent); continue; }
                if (sent == 0) return null;
                return ErrnoName((int)sent);
            }
            int n = Send(c, queue.PeekBytes(), ctx);
            if (n > 0) { queue.ConsumeBytes(n); continue; }
            if (n == 0) return null; // EAGAIN: the socket is full
            return ErrnoName(n);
        }
        return null;
    }

    /// <summary>
    /// Write-through (muduo, Redis): sends a session's reply straight from its buffer until the socket is
    /// full and queues only the rest, when nothing is queued before it. Replies with files are queued whole
    /// (only their headers are copied) and flushed from the queue.
    /// </summary>
    public static string? WriteThrough(Connection c, SessionOutput output, IoContext ctx)
    {
        if (output.Files.Count > 0 || !c.Outbox.IsEmpty)
        {
            output.MoveTo(c.Outbox);
            return Flush(c, c.Outbox, ctx);
        }
        var bytes = output.WrittenSpan;
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
            k.SystemCalls++;
            if (n > 0)
            {
                Sent(c, n, ctx);
                return n;
            }
            if (n == -(int)Errno.EAGAIN) { k.EagainWrites++; return 0; }
            if (n != -(int)Errno.EINTR) return n;
        }
    }

    /// <summary>One sendfile with EINTR retried: bytes sent, 0 when the socket is full, or -errno.</summary>
    private static long SendFile(Connection c, FileRange file, IoContext ctx)
    {
        var k = ctx.Counters;
        while (true)
        {
            long n = Sockets.SendFile(c.Fd, file.Fd, file.Offset, Math.Min(file.Remaining, SendFileChunk));
            k.SendFiles++;
            k.SystemCalls++;
            if (n > 0)
            {
                k.SendFileBytes += n;
                Sent(c, (int)n, ctx);
                return n;
            }
            if (n == 0) return -(int)Errno.EIO; // the file is shorter than it said: it changed under us
            if (n == -(int)Errno.EAGAIN) { k.EagainWrites++; return 0; }
            if (n != -(int)Errno.EINTR) return n;
        }
    }

    /// <summary>Counts bytes that left for the peer and stamps the connection's activity (io_uring's completions use it too).</summary>
    public static void Sent(Connection c, int n, IoContext ctx)
    {
        ctx.Counters.BytesOut += n;
        c.BytesOut += n;
        c.LastActivityMs = ctx.NowMs;
    }

    /// <summary>Counts bytes that came from the peer and stamps the connection's activity.</summary>
    public static void Received(Connection c, int n, IoContext ctx)
    {
        ctx.Counters.BytesIn += n;
        c.BytesIn += n;
        c.LastActivityMs = ctx.NowMs;
    }

    /// <summary>One recv into <paramref name="buffer"/>, counted: bytes read, 0 at EOF, or -errno (EINTR retried).</summary>
    public static int Receive(Connection c, Span<byte> buffer, IoContext ctx)
    {
        var k = ctx.Counters;
        while (true)
        {
            int n = Sockets.Receive(c.Fd, buffer);
            k.Reads++;
            k.SystemCalls++;
            if (n > 0) Received(c, n, ctx);
            else if (n == -(int)Errno.EAGAIN) k.EagainReads++;
            if (n != -(int)Errno.EINTR) return n;
        }
    }

    public static string ErrnoName(int negativeErrno) => ((Errno)(-negativeErrno)).ToString();
}
