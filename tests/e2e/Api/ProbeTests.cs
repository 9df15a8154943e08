using System.Net;
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
        using var chatty = await EchoClient.ConnectAsync(server.EchoPort);
        var payload = Encoding.ASCII.GetBytes("still talking\n");
        await chatty.RoundTripAsync(payload, TimeSpan.FromSeconds(5));
        Signals.Send(server.Process.Id, 15); // SIGTERM: drain, up to ShutdownGraceSeconds (10 s)
        using var talk = new CancellationTokenSource();
        // A connection that keeps talking keeps the drain going (it closes once quiet for 200 ms).
        var talking = Task.Run(async () =>
        {
            while (!talk.IsCancellationRequested)
            {
                try { await chatty.RoundTripAsync(payload, TimeSpan.FromSeconds(2)); }
                catch (Exception) { return; }
                await Task.Delay(50);
            }
        });
        var status = await Poll.UntilAsync(async () => (await anonymous.GetAsync("/readyz")).StatusCode, s => s == HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        using var notReady = await anonymous.GetAsync("/readyz");
        Assert.Equal("not ready\n", await notReady.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        talk.Cancel();
        await talking;
    }
}
