using System.Net;
using System.Text;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Api;

/// <summary>/metrics against the real server: Prometheus text a strict parser accepts, counters and a histogram that move under load, and the password.</summary>
public class MetricsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerProcess Server => fixture.Server;

    private static string Show(PrometheusText p) => string.Join("\n", p.Samples
        .Where(s => s.Name.StartsWith("adminserver_listener", StringComparison.Ordinal) && !s.Name.EndsWith("_bucket", StringComparison.Ordinal)
                    || s.Name is "adminserver_connections" or "adminserver_accepts_total" or "adminserver_received_bytes_total")
        .Select(s => $"{s.Name}{{{string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}"))}}} {s.Value}"));

    private async Task<PrometheusText> ScrapeAsync()
    {
        using var response = await Server.Api.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_need_the_password_and_answer_401_with_basic_not_a_redirect()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        using var none = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains(none.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Authorization = ServerProcess.BasicAuth("admin", "not-the-password");
        using var refused = await anonymous.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain("adminserver_", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Counters_per_loop_and_listener_and_the_latency_histogram_move_under_echo_load()
    {
        var before = await ScrapeAsync();
        Assert.Equal("counter", before.Types["adminserver_accepts_total"]);
        Assert.Equal("histogram", before.Types["adminserver_listener_service_latency_seconds"]);
        Assert.Equal("gauge", before.Types["adminserver_timers_pending"]);
        // The engine's counters carry one series per loop plus the workers' share.
        Assert.Contains(before.Samples, s => s.Name == "adminserver_reads_total" && s.Labels.GetValueOrDefault("loop") == "0");
        Assert.Contains(before.Samples, s => s.Name == "adminserver_reads_total" && s.Labels.GetValueOrDefault("loop") == "workers");
        // The .NET runtime's own meter.
        Assert.Contains(before.Samples, s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        Assert.Contains(before.Samples, s => s.Name == "adminserver_process_groups");

        const int clients = 8, messages = 50;
        var payload = Encoding.ASCII.GetBytes("metrics under load\n");
        var open = new List<EchoClient>();
        try
        {
            for (int c = 0; c < clients; c++) open.Add(await EchoClient.ConnectAsync(Server.EchoPort));
            await Task.WhenAll(open.Select(async client =>
            {
                for (int i = 0; i < messages; i++) Assert.Equal(payload, await client.RoundTripAsync(payload, TimeSpan.FromSeconds(5)));
            }));
            var during = await ScrapeAsync();
            Assert.True(during.Value("adminserver_listener_connections", ("listener", "echo")) >= clients, "during check failed:\n" + Show(during));
            Assert.True(during.Value("adminserver_connections") >= clients, "during check failed:\n" + Show(during));
        }
        finally
        {
            foreach (var c in open) c.Dispose();
        }

        double Served(PrometheusText p) => p.Value("adminserver_listener_service_latency_seconds_count", ("listener", "echo"));
        // A run is recorded when it ends, which can be a moment after its reply reached the client.
        // Not every round trip is its own run (a run can serve what two readiness reports announced), so the
        // count grows by most of the messages, not exactly by each.
        var after = await Poll.UntilAsync(ScrapeAsync, p => Served(p) - Served(before) >= clients * messages / 2);
        Assert.True(after.Value("adminserver_listener_accepts_total", ("listener", "echo")) - before.Value("adminserver_listener_accepts_total", ("listener", "echo")) >= clients, "after check failed:\n" + Show(after));
        Assert.True(after.Value("adminserver_accepts_total") - before.Value("adminserver_accepts_total") >= clients, "after check failed:\n" + Show(after));
        Assert.True(after.Value("adminserver_received_bytes_total") - before.Value("adminserver_received_bytes_total") >= clients * messages * payload.Length, "after check failed:\n" + Show(after));
        Assert.True(after.Value("adminserver_sent_bytes_total") - before.Value("adminserver_sent_bytes_total") >= clients * messages * payload.Length, "after check failed:\n" + Show(after));
        double served = after.Value("adminserver_listener_service_latency_seconds_count", ("listener", "echo"))
                        - before.Value("adminserver_listener_service_latency_seconds_count", ("listener", "echo"));
        Assert.True(served >= clients * messages / 2, $"service latency count grew by {served}");
        Assert.True(after.Value("adminserver_listener_service_latency_seconds_sum", ("listener", "echo")) > before.Value("adminserver_listener_service_latency_seconds_sum", ("listener", "echo")), "after check failed:\n" + Show(after));
        Assert.True(after.Value("adminserver_listener_service_latency_seconds_bucket", ("listener", "echo"), ("le", "+Inf")) >= served, "after check failed:\n" + Show(after));
    }
}
