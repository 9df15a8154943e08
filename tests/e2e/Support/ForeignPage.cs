using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AdminServer.E2eTests.Support;

/// <summary>
/// A web page on another port of 127.0.0.1 (another origin, but the same site as the console, so a
/// SameSite=Strict cookie still rides along): a one-page HttpListener on a free port, for the
/// tests where a browser logged into the console visits it.
/// </summary>
public sealed class ForeignPage : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly string _html;

    private ForeignPage(int port, string html)
    {
        Port = port;
        _html = html;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/";

    public static ForeignPage Serve(string html) => new(FreePort(), html);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            var body = Encoding.UTF8.GetBytes(_html);
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
    }
}
