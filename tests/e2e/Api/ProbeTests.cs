using System.Net;
using System.Net.Sockets;
using System.Text;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Api;

/// <summary>/healthz and /readyz: anonymous, a status word and nothing else; /readyz 503 while a graceful stop drains.</summary>
public class ProbeTests
{
    [Fact]
    public async Task Probes_are_anonymous_say_only_the_status_and_answer_any_host()
    {
        await using var server = await ServerProcess.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var health = await anonymous.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok\n", await health.Content.ReadAsStringAsync());
        using var ready = await anonymous.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready\n", await ready.Content.ReadAsStringAsync());
        Assert.Equal("no-store", ready.Headers.CacheControl?.ToString());
        // A load balancer asks by address: the Host check does not apply to the probes (and only to them).
        using var byAddress = new HttpRequestMessage(HttpMethod.Get, "/readyz");
        byAddress.Headers.Host = "10.1.2.3:8080";
        using var answer = await anonymous.SendAsync(byAddress);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/engine");
        other.Headers.Host = "10.1.2.3:8080";
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.SendAsync(other)).StatusCode);
        // Probes change nothing: a POST is not a probe (it meets the login like any page).
        using var post = await anonymous.PostAsync("/readyz", null);
        Assert.NotEqual("ready\n", await post.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_is_503_while_a_graceful_stop_drains_and_healthz_still_answers()
    {
        await using var server = await ServerProcess.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        // A peer that sends a lot and never reads: its echo waits unsent in the server, so the connection is never quiet and
        // the drain goes on until the grace period ends (10 s), however slow this machine is.
        using var stuck = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await stuck.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.EchoPort));
        var chunk = new byte[256 * 1024];
        for (int i = 0; i < 64; i++)
        {
            var send = stuck.SendAsync(chunk, SocketFlags.None);
            if (await Task.WhenAny(send, Task.Delay(300)) != send) break;
        }
        Signals.Send(server.Process.Id, 15); // SIGTERM: drain, up to ShutdownGraceSeconds (10 s)
        var status = await Poll.UntilAsync(async () => (await anonymous.GetAsync("/readyz")).StatusCode, s => s == HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        using var notReady = await anonymous.GetAsync("/readyz");
        Assert.Equal("not ready\n", await notReady.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
    }
}
