using AdminServer.Engine.Buffers;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Metrics;
using AdminServer.Engine.Native;

namespace AdminServer.Engine.Models;

/// <summary>The read and write steps shared by both event models, counted on the caller's own counters.</summary>
internal static class SocketIo
{
    /// <summary>Sends queued bytes until the queue is empty or the socket is full; returns an errno name on failure.</summary>
    public static string? Flush(Connection c, ByteQueue queue, IoCounters k)
    {
        while (!queue.IsEmpty)
        {
            var span = queue.Peek();
            int n = Sockets.Send(c.Fd, span);
            k.Writes++;
            if (n > 0)
            {
                queue.Consume(n);
                k.BytesOut += n;
                c.BytesOut += n;
                c.LastActivityMs = MonotonicClock.NowMs;
                continue;
            }
            if (n == -(int)Errno.EAGAIN) { k.EagainWrites++; return null; }
            if (n == -(int)Errno.EINTR) continue;
            return ((Errno)(-n)).ToString();
        }
        return null;
    }

    /// <summary>One recv into <paramref name="buffer"/>, counted: bytes read, 0 at EOF, or -errno (EINTR retried).</summary>
    public static int Receive(Connection c, Span<byte> buffer, IoCounters k)
    {
        while (true)
        {
            int n = Sockets.Receive(c.Fd, buffer);
            k.Reads++;
            if (n > 0)
            {
                k.BytesIn += n;
                c.BytesIn += n;
                c.LastActivityMs = MonotonicClock.NowMs;
            }
            else if (n == -(int)Errno.EAGAIN) k.EagainReads++;
            if (n != -(int)Errno.EINTR) return n;
        }
    }

    public static string ErrnoName(int negativeErrno) => ((Errno)(-negativeErrno)).ToString();
}
