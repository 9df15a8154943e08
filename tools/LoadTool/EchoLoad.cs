using System.Net;
using System.Net.Sockets;

namespace AdminServer.LoadTool;

/// <summary>
/// Closed-loop echo load: each connection sends a message, waits for all of it to come back,
/// and repeats, so round trips/s measure latency under concurrency and MB/s the throughput.
/// </summary>
public static class EchoLoad
{
    public sealed record Result(long RoundTrips, long Bytes, double Seconds, int Errors);

    public static async Task<Result> RunAsync(IPEndPoint target, int connections, int messageSize, TimeSpan duration)
    {
        var sockets = new List<Socket>();
        for (int i = 0; i < connections; i++)
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await s.ConnectAsync(target);
            sockets.Add(s);
        }
        long roundTrips = 0;
        int errors = 0;
        var start = DateTime.UtcNow;
        var end = start + duration;
        var tasks = sockets.Select(async s =>
        {
            var send = new byte[messageSize];
            Random.Shared.NextBytes(send);
            var recv = new byte[messageSize];
            try
            {
                while (DateTime.UtcNow < end)
                {
                    await s.SendAsync(send, SocketFlags.None);
                    int got = 0;
                    while (got < messageSize)
                    {
                        int n = await s.ReceiveAsync(recv.AsMemory(got), SocketFlags.None);
                        if (n == 0) throw new IOException("server closed the connection");
                        got += n;
                    }
                    if (!send.AsSpan().SequenceEqual(recv)) throw new InvalidDataException("echo differs from what was sent");
                    Interlocked.Increment(ref roundTrips);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException)
            {
                Interlocked.Increment(ref errors);
                Console.Error.WriteLine($"connection failed: {ex.Message}");
            }
        }).ToArray();
        await Task.WhenAll(tasks);
        double seconds = (DateTime.UtcNow - start).TotalSeconds;
        foreach (var s in sockets) s.Dispose();
        return new Result(roundTrips, roundTrips * messageSize * 2, seconds, errors);
    }
}
