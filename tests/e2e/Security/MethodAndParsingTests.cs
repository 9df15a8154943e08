using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Security;

/// <summary>
/// Item 7: enum values are parsed strictly (API bodies and the config file), control characters never
/// reach the log raw, a wrong method on a known route is 405 with Allow, HEAD works where GET does.
/// </summary>
public class MethodAndParsingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerProcess Server => fixture.Server;

    [Theory]
    [InlineData("""{"trigger": " LT"}""")]
    [InlineData("""{"trigger": "LT "}""")]
    [InlineData("""{"trigger": "ET,LT"}""")]
    [InlineData("""{"trigger": "1"}""")]
    [InlineData("""{"eventModel": "0"}""")]
    [InlineData("""{"eventModel": "Reactor, Proactor"}""")]
    [InlineData("""{"timer": " Wheel"}""")]
    [InlineData("""{"timer": "2"}""")]
    public async Task Loose_enum_values_are_refused(string body)
    {
        var response = await Server.Api.PatchAsync("/api/engine", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var state = await Server.GetJsonAsync("/api/engine");
        Assert.Equal("ET", state.GetProperty("trigger").GetString());
        Assert.Equal("Reactor", state.GetProperty("eventModel").GetString());
        Assert.Equal("Heap", state.GetProperty("timer").GetString());
    }

    [Theory]
    [InlineData(" TERM")]
    [InlineData("TERM,KILL")]
    [InlineData("15")]
    public async Task Loose_signal_names_are_refused(string signal)
    {
        var body = JsonSerializer.Serialize(new { target = new { kind = "self" }, signal });
        var response = await Server.Api.PostAsync("/api/signals", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(Server.Process.HasExited);
    }

    [Fact]
    public async Task A_control_character_in_a_url_cannot_forge_a_log_line()
    {
        var response = await Server.Api.PostAsync("/api/programs/forged%0AINFO%3A%20fake%20entry%1B%5B31m/start", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await Poll.UntilAsync(() => Task.FromResult(Server.Output), o => o.Contains("forged\\nINFO: fake entry"));
        Assert.Contains("forged\\nINFO: fake entry\\u001b[31m", Server.Output);
        // Ordinal: xunit's string Contains compares by culture, which ignores control characters.
        Assert.False(Server.Output.Contains("\nINFO: fake entry", StringComparison.Ordinal), "a forged line reached the log");
        Assert.False(Server.Output.Contains('\u001b'), "a raw escape character reached the log");
        var events = await Server.GetJsonAsync("/api/events?max=5");
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("action").GetString()!.Contains("forged\\nINFO"));
        string detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.False(detail.Contains('\n') || detail.Contains('\u001b'), detail);
    }

    [Theory]
    [InlineData("GET", "/api/signals", "POST")]
    [InlineData("GET", "/api/reload", "POST")]
    [InlineData("PUT", "/api/engine", "GET, HEAD, PATCH")]
    [InlineData("POST", "/api/connections", "GET, HEAD")]
    [InlineData("GET", "/api/programs/x/start", "POST")]
    [InlineData("DELETE", "/api/events", "GET, HEAD")]
    public async Task A_wrong_method_on_a_known_route_is_405_with_allow(string method, string path, string allow)
    {
        var response = await Server.Api.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow.Split(", ").Order(), response.Content.Headers.Allow.Order());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/engine")]
    [InlineData("/api/events")]
    [InlineData("/api/connections")]
    [InlineData("/api/processes")]
    [InlineData("/api/timers")]
    [InlineData("/status")]
    public async Task Head_answers_like_get_without_a_body(string path)
    {
        var response = await Server.Api.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var get = await Server.Api.GetAsync(path);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.MediaType);
    }
}
