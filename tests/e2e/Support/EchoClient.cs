using System.Net;
using System.Net.Sockets;

namespace AdminServer.E2eTests.Support;

/// <summary>A loopback TCP client of the server's echo (or any) listener, with bounded reads.</summary>
public sealed class EchoClient : IDisposable
{
    private readonly TcpClient _client = new(AddressFamily.InterNetwork);

    private EchoClient() { }

    public NetworkStream Stream => _client.GetStream();

    /// <summary>"127.0.0.1:port" as the server sees this client (the Remote column).</summary>
    public string LocalEndPoint => _client.Client.LocalEndPoint!.ToString()!;

    public static async Task<EchoClient> ConnectAsync(int port)
    {
        var c = new EchoClient();
        await c._client.ConnectAsync(IPAddress.Loopback, port);
        return c;
    }

    /// <summary>Sends the payload and reads the same number of bytes back within the timeout.</summary>
    public async Task<byte[]> RoundTripAsync(byte[] payload, TimeSpan timeout)
    {
        await Stream.WriteAsync(payload);
        var echoed = new byte[payload.Length];
        await Stream.ReadExactlyAsync(echoed).AsTask().WaitAsync(timeout);
        return echoed;
    }

    /// <summary>True when the server closed the connection (read returns 0 or the socket resets) within the timeout.</summary>
    public async Task<bool> SeesEofAsync(TimeSpan timeout)
    {
        var buffer = new byte[256];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
                if (await Stream.ReadAsync(buffer, cts.Token) == 0) return true;
        }
        catch (IOException) { return true; }
        catch (OperationCanceledException) { return false; }
    }

    public void Dispose() => _client.Dispose();
}
