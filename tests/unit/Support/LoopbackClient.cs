using System.Net;
using System.Net.Sockets;

namespace AdminServer.UnitTests.Support;

/// <summary>Test-side TCP clients (System.Net.Sockets is fine here: it is the engine that must not use it).</summary>
public static class LoopbackClient
{
    public static async Task<Socket> ConnectAsync(int port)
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await s.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return s;
    }

    /// <summary>Sends <paramref name="payload"/> in random-sized chunks while reading the echo concurrently; returns what came back.</summary>
    public static async Task<byte[]> EchoAsync(Socket s, byte[] payload, int seed, Func<Task>? betweenChunks = null)
    {
        var received = new byte[payload.Length];
        var reader = Task.Run(async () =>
        {
            int got = 0;
            while (got < payload.Length)
            {
                int n = await s.ReceiveAsync(received.AsMemory(got), SocketFlags.None);
                if (n == 0) throw new IOException($"EOF after {got} of {payload.Length} bytes");
                got += n;
            }
        });
        var rng = new Random(seed);
        int sent = 0;
        while (sent < payload.Length)
        {
            int n = Math.Min(payload.Length - sent, rng.Next(1, 64 * 1024));
            sent += await s.SendAsync(payload.AsMemory(sent, n), SocketFlags.None);
            if (betweenChunks is not null) await betweenChunks();
        }
        await reader.WaitAsync(TimeSpan.FromSeconds(60));
        return received;
    }

    public static byte[] RandomBytes(int length, int seed)
    {
        var b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }
}
