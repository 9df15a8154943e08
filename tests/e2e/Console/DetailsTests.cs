using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdminServer.E2eTests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace AdminServer.E2eTests.Console;

/// <summary>The small things a first look at the console found (issue 14, "Details"), over real HTTP and the real hub.</summary>
[Collection(ConsoleCollection.Name)]
public class DetailsTests(ConsoleFixture fixture)
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task A_patch_that_changes_nothing_is_not_audited_as_a_switch()
    {
        var state = await Server.GetJsonAsync("/api/engine");
        long before = (await Server.GetJsonAsync("/api/events?max=1")).EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).DefaultIfEmpty(0).Max();
        foreach (var body in new[] { "{}", $$"""{"trigger":"{{state.GetProperty("trigger").GetString()}}"}""", $$"""{"timer":"{{state.GetProperty("timer").GetString()}}"}""" })
        {
            var response = await Server.Api.PatchAsync("/api/engine", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var events = await Server.GetJsonAsync("/api/events");
        var added = events.EnumerateArray().Where(e => e.GetProperty("id").GetInt64() > before)
            .Where(e => e.GetProperty("category").GetString() is "mode" or "timer").ToList();
        Assert.Empty(added);
    }

    [Fact]
    public async Task Deleting_a_connection_that_is_not_a_number_answers_400_with_a_detail()
    {
        var response = await Server.Api.DeleteAsync("/api/connections/abc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("'abc' is not a connection id", problem.GetProperty("detail").GetString());

        response = await Server.Api.DeleteAsync("/api/connections/987654321");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("987654321", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_rejected_reload_names_the_key_and_its_values_never_an_internal_type()
    {
        string original = await File.ReadAllTextAsync(Server.ConfigFile);
        try
        {
            foreach (var (key, bad, expected) in new[] { ("Trigger", "XT", "ET"), ("IdleTimeoutSeconds", "soon", "whole number") })
            {
                var config = System.Text.Json.Nodes.JsonNode.Parse(original)!;
                config["Engine"]![key] = bad;
                await File.WriteAllTextAsync(Server.ConfigFile, config.ToJsonString());
                var response = await Server.Api.PostAsync("/api/reload", null);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                string detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
                Assert.Contains(expected, detail);
                Assert.Contains("Engine:", detail);
                Assert.DoesNotContain("AdminServer.", detail);
                Assert.DoesNotContain("System.", detail);
            }
        }
        finally
        {
            await File.WriteAllTextAsync(Server.ConfigFile, original);
        }
    }

    [Fact]
    public async Task The_status_page_uses_the_api_names()
    {
        string html = await Server.Api.GetStringAsync("/status");
        Assert.Contains("&quot;waits&quot;", html);
        Assert.DoesNotContain("&quot;Waits&quot;", html);
        Assert.Contains("ONESHOT <b>off</b>", html);
    }

    [Fact]
    public async Task The_favicon_is_served_and_the_stylesheet_is_compressed_and_cached()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(Server.BaseUrl) };
        var icon = await anonymous.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/x-icon", icon.Content.Headers.ContentType?.MediaType);

        string login = await anonymous.GetStringAsync("/login");
        string css = System.Text.RegularExpressions.Regex.Match(login, @"_content/MudBlazor/MudBlazor\.min\.[a-z0-9]+\.css").Value;
        Assert.NotEmpty(css);
        var request = new HttpRequestMessage(HttpMethod.Get, css);
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        var response = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Content.Headers.ContentEncoding, e => e is "gzip" or "br");
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length < 150_000, "the compressed stylesheet should be far below its 613 KiB");
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_hub_answers_GetAudit_with_no_zero_or_negative_counts_sensibly()
    {
        // Something to read: a (refused) signal leaves an audit entry.
        await Server.Api.PostAsync("/api/signals", new StringContent("""{"target":{"kind":"process","id":0},"signal":"TERM"}""", Encoding.UTF8, "application/json"));
        await using var hub = new HubConnectionBuilder()
            .WithUrl($"{Server.BaseUrl}/hubs/engine", o => o.Headers["Authorization"] = ServerProcess.BasicAuth("admin", ServerProcess.Password).ToString())
            .Build();
        await hub.StartAsync().WaitAsync(TimeSpan.FromSeconds(15));

        Assert.True((await hub.InvokeAsync<JsonElement>("GetAudit", 200)).GetArrayLength() >= 1);
        // No optional parameters in SignalR: without the count the caller is told what is missing.
        var missing = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("GetAudit"));
        Assert.Contains("expects 1", missing.Message);
        Assert.Equal(0, (await hub.InvokeAsync<JsonElement>("GetAudit", 0)).GetArrayLength());
        Assert.Equal(1, (await hub.InvokeAsync<JsonElement>("GetAudit", 1)).GetArrayLength());
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("GetAudit", -1));
        Assert.Contains("between 0 and", refused.Message);
    }
}
