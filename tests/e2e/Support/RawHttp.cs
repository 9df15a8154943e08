using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AdminServer.E2eTests.Support;

/// <summary>
/// HTTP/1.1 by hand over a loopback socket, for requests HttpClient will not send: any Host or
/// Origin, a broken chunk, a body cut short or trickled in, a WebSocket upgrade. The answer is read
/// until it is complete (by its Content-Length or last chunk) or the server closes.
/// </summary>
public static class RawHttp
{
    public static string Basic => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{ServerProcess.Password}"));

    /// <param name="head">Request line and headers, one per line, without the blank line (added here with Connection: close).</param>
    /// <param name="body">Sent after the head, in <paramref name="pieces"/> pieces <paramref name="pause"/> apart.</param>
    /// <param name="halfClose">Shut down the sending side after the body (a body shorter than its Content-Length is then cut short).</param>
    /// <param name="connection">The Connection header: "close", or "Upgrade" for a WebSocket handshake.</param>
    public static async Task<RawResponse> SendAsync(int port, string head, byte[]? body = null, bool halfClose = false,
        int pieces = 1, TimeSpan pause = default, double timeoutSeconds = 20, string connection = "close")
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        string text = head.Replace("\r\n", "\n").TrimEnd('\n').Replace("\n", "\r\n") + $"\r\nConnection: {connection}\r\n\r\n";
        await socket.SendAsync(Encoding.UTF8.GetBytes(text));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        if (body is { Length: > 0 })
        {
            int size = (body.Length + pieces - 1) / pieces;
            for (int offset = 0; offset < body.Length; offset += size)
            {
                try { await socket.SendAsync(body.AsMemory(offset, Math.Min(size, body.Length - offset)), timeout.Token); }
                catch (SocketException) { break; } // the server answered and closed before the body was all sent
                if (pause > TimeSpan.Zero && offset + size < body.Length) await Task.Delay(pause, timeout.Token);
            }
        }
        if (halfClose) socket.Shutdown(SocketShutdown.Send);
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                int n = await socket.ReceiveAsync(buffer, timeout.Token);
                if (n == 0) break;
                received.Write(buffer, 0, n);
                if (RawResponse.IsComplete(received.ToArray())) break;
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset) { } // reset after (or instead of) an answer: status 0 says which
        return RawResponse.Parse(received.ToArray());
    }
}
