using System.Net.Sockets;
using System.Text;

namespace AdminServer.UnitTests.Support;

/// <summary>HTTP over a raw socket: exactly the bytes a test wants on the wire, and everything that comes back until the server closes.</summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> (optionally split into chunks with a pause between them) and reads until EOF or the timeout.</summary>
    public static async Task<string> ExchangeAsync(int port, byte[] request, int[]? splits = null, int pauseMs = 0, int timeoutMs = 5000, bool halfClose = false)
    {
        using var s = await LoopbackClient.ConnectAsync(port);
        int pos = 0;
        foreach (int cut in splits ?? [])
        {
            await s.SendAsync(request.AsMemory(pos, cut - pos), SocketFlags.None);
            pos = cut;
            if (pauseMs > 0) await Task.Delay(pauseMs);
        }
        await s.SendAsync(request.AsMemory(pos), SocketFlags.None);
        if (halfClose) s.Shutdown(SocketShutdown.Send);
        return await ReadToEndAsync(s, timeoutMs);
    }

    public static Task<string> ExchangeAsync(int port, string request, int timeoutMs = 5000, bool halfClose = false) =>
        ExchangeAsync(port, Encoding.ASCII.GetBytes(request), timeoutMs: timeoutMs, halfClose: halfClose);

    /// <summary>Everything the server sends until it closes (or until nothing has come for <paramref name="timeoutMs"/>).</summary>
    public static async Task<string> ReadToEndAsync(Socket s, int timeoutMs)
    {
        var all = new MemoryStream();
        var buf = new byte[64 * 1024];
        while (true)
        {
            // Cancelled (not abandoned) at the timeout, so no pending receive steals the next exchange's bytes.
            using var timeout = new CancellationTokenSource(timeoutMs);
            int n;
            try { n = await s.ReceiveAsync(buf, SocketFlags.None, timeout.Token); }
            catch (OperationCanceledException) { break; }
            catch (SocketException) { break; } // reset by the server
            if (n == 0) break;
            all.Write(buf, 0, n);
        }
        return Encoding.Latin1.GetString(all.ToArray());
    }

    /// <summary>Reads until <paramref name="marker"/> has arrived (or EOF, or the timeout); returns what came.</summary>
    public static async Task<string> ReadUntilAsync(Socket s, string marker, int timeoutMs = 10_000)
    {
        var all = new StringBuilder();
        var buf = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(timeoutMs);
        while (!all.ToString().Contains(marker, StringComparison.Ordinal))
        {
            int n;
            try { n = await s.ReceiveAsync(buf, SocketFlags.None, timeout.Token); }
            catch (OperationCanceledException) { break; }
            if (n == 0) break;
            all.Append(Encoding.Latin1.GetString(buf, 0, n));
        }
        return all.ToString();
    }

    /// <summary>The status codes of every response in <paramref name="responses"/>, in order.</summary>
    public static int[] Statuses(string responses) =>
        System.Text.RegularExpressions.Regex.Matches(responses, @"HTTP/1\.1 (\d{3}) ").Select(m => int.Parse(m.Groups[1].Value)).ToArray();

    /// <summary>The responses with their Date lines blanked, so two runs a second apart compare equal.</summary>
    public static string WithoutDates(string responses) => System.Text.RegularExpressions.Regex.Replace(responses, "Date: [^\r]*\r\n", "Date: -\r\n");
}
