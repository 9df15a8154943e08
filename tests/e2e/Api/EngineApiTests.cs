using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Api;

/// <summary>The admin API of the real server process, over real HTTP and real echo sockets.</summary>
public class EngineApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerProcess Server => fixture.Server;

    [Theory]
    [InlineData("GET", "/api/engine")]
    [InlineData("PATCH", "/api/engine")]
    [InlineData("GET", "/api/connections")]
    [InlineData("DELETE", "/api/connections/1")]
    public async Task Every_route_refuses_a_caller_without_the_password(string method, string path)
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { trigger = "LT" }) };
        var response = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString());

        var wrong = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { trigger = "LT" }) };
        wrong.Headers.Authorization = ServerProcess.BasicAuth("admin", "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrong)).StatusCode);
    }

    [Theory]
    [InlineData("""{"trigger": "XT"}""", "trigger")]
    [InlineData("""{"oneShot": "yes"}""", "oneShot")]
    [InlineData("""{"eventModel": 3}""", "eventModel")]
    [InlineData("""{"workers": 9}""", "workers")]
    [InlineData("""not json""", "JSON")]
    [InlineData("""[1, 2]""", "object")]
    public async Task A_bad_value_is_refused_with_problem_json_naming_the_field(string body, string named)
    {
        var before = await Server.GetJsonAsync("/api/engine");
        var response = await Server.Api.PatchAsync("/api/engine", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(named, problem.GetProperty("detail").GetString());
        var after = await Server.GetJsonAsync("/api/engine");
        Assert.Equal(before.GetProperty("trigger").GetString(), after.GetProperty("trigger").GetString());
        Assert.Equal(before.GetProperty("oneShot").GetBoolean(), after.GetProperty("oneShot").GetBoolean());
    }

    [Fact]
    public async Task Patch_switches_modes_at_runtime_while_an_echo_client_keeps_working()
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(IPAddress.Loopback, Server.EchoPort);
        var stream = client.GetStream();
        var payload = new byte[64 * 1024];
        new Random(3).NextBytes(payload);

        var steps = new[]
        {
            ("LT", false, "Proactor", "HalfSyncHalfAsync"), ("ET", false, "Reactor", "LeaderFollower"), ("LT", true, "Reactor", "LoopPerCore"),
            ("ET", true, "Proactor", "HalfSyncHalfAsync"), ("ET", false, "Reactor", "LoopPerCore"),
        };
        foreach (var (trigger, oneShot, model, concurrency) in steps)
        {
            var response = await Server.Api.PatchAsJsonAsync("/api/engine", new { trigger, oneShot, eventModel = model, concurrency });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(trigger, body.GetProperty("state").GetProperty("trigger").GetString());
            Assert.Equal(oneShot, body.GetProperty("state").GetProperty("oneShot").GetBoolean());
            Assert.Equal(model, body.GetProperty("state").GetProperty("eventModel").GetString());
            Assert.Equal(concurrency, body.GetProperty("state").GetProperty("concurrency").GetString());
            Assert.Equal(concurrency, body.GetProperty("applied").GetProperty("concurrency").GetString());
            Assert.True(body.GetProperty("applied").GetProperty("rearmedFds").GetInt32() >= 1);

            await stream.WriteAsync(payload);
            var echoed = new byte[payload.Length];
            await stream.ReadExactlyAsync(echoed).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(payload, echoed);
        }

        var state = await Server.GetJsonAsync("/api/engine");
        foreach (var counter in new[] { "waits", "events", "reads", "eagainReads", "bytesIn", "bytesOut", "epollCtls", "accepts", "collisions" })
            Assert.True(state.GetProperty("counters").TryGetProperty(counter, out _), $"counter {counter} missing");
        Assert.True(state.GetProperty("workers").GetInt32() >= 1);
        Assert.Equal("LoopPerCore", state.GetProperty("concurrency").GetString());
        var loops = state.GetProperty("loops");
        Assert.True(loops.GetArrayLength() >= 1);
        Assert.StartsWith("adminserver-loop-", loops[0].GetProperty("threads")[0].GetString());
        Assert.True(loops[0].GetProperty("counters").TryGetProperty("inlineRuns", out _));
    }

    [Fact]
    public async Task A_setting_that_does_not_fit_the_pattern_is_refused_with_409_and_nothing_changes()
    {
        var before = await Server.GetJsonAsync("/api/engine");
        Assert.Equal("LoopPerCore", before.GetProperty("concurrency").GetString());
        var response = await Server.Api.PatchAsync("/api/engine", new StringContent("""{"eventModel": "Proactor", "trigger": "LT"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("HalfSyncHalfAsync", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var after = await Server.GetJsonAsync("/api/engine");
        Assert.Equal(before.GetProperty("eventModel").GetString(), after.GetProperty("eventModel").GetString());
        Assert.Equal(before.GetProperty("trigger").GetString(), after.GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task Connections_lists_a_live_connection_and_delete_closes_it()
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(IPAddress.Loopback, Server.DiscardPort);
        string remote = client.Client.LocalEndPoint!.ToString()!;
        await client.GetStream().WriteAsync(new byte[1234]);

        var row = await Poll.UntilAsync(
            async () => (await Server.GetJsonAsync("/api/connections")).EnumerateArray()
                .FirstOrDefault(r => r.GetProperty("remote").GetString() == remote && r.GetProperty("bytesIn").GetInt64() == 1234),
            r => r.ValueKind != JsonValueKind.Undefined);
        Assert.NotEqual(JsonValueKind.Undefined, row.ValueKind);
        Assert.Equal("discard", row.GetProperty("service").GetString());
        foreach (var field in new[] { "id", "state", "bytesOut", "openedAt", "lastActivityAt" })
            Assert.True(row.TryGetProperty(field, out _), $"field {field} missing");

        long id = row.GetProperty("id").GetInt64();
        (await Server.Api.DeleteAsync($"/api/connections/{id}")).EnsureSuccessStatusCode();
        int n = await client.GetStream().ReadAsync(new byte[8]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, n);
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Api.DeleteAsync($"/api/connections/{id}")).StatusCode);
    }
}
