using System.Text.Json;
using AdminServer.E2eTests.Console;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Security;

/// <summary>
/// Item 2 in a real Chromium: a browser logged into the console visits a page served from another
/// port of 127.0.0.1. The page's no-cors fetch POSTs (text/plain body, the cookie attached) and its
/// WebSocket to the hub must not execute anything or read anything.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class CrossOriginBrowserTests(ConsoleFixture fixture)
{
    private static string AttackPage(int adminPort) => $$"""
        <!doctype html><html><body><pre id="out">running</pre><script>
        (async () => {
          const admin = "http://127.0.0.1:{{adminPort}}";
          const results = {};
          for (const [name, path, body] of [
              ["signals", "/api/signals", JSON.stringify({ target: { kind: "self" }, signal: "USR1" })],
              ["reload", "/api/reload", ""],
              ["timer", "/api/engine", JSON.stringify({ timer: "Wheel" })]]) {
            try {
              await fetch(admin + path, { method: name === "timer" ? "PATCH" : "POST", mode: "no-cors", credentials: "include",
                                          headers: { "content-type": "text/plain" }, body });
              results[name] = "sent";
            } catch (e) { results[name] = "error " + e; }
          }
          results.hub = await new Promise(resolve => {
            const got = [];
            const ws = new WebSocket("ws://127.0.0.1:{{adminPort}}/hubs/engine");
            ws.onopen = () => {
              ws.send('{"protocol":"json","version":1}\u001e');
              ws.send('{"type":1,"invocationId":"1","target":"GetAudit","arguments":[5]}\u001e');
            };
            ws.onmessage = e => { got.push(String(e.data)); if (got.join("").includes('"invocationId":"1"')) resolve("read:" + got.join("")); };
            ws.onerror = () => resolve("error:" + got.join(""));
            ws.onclose = () => resolve("closed:" + got.join(""));
            setTimeout(() => resolve("timeout:" + got.join("")), 5000);
          });
          document.getElementById("out").textContent = JSON.stringify(results);
        })();
        </script></body></html>
        """;

    [Fact]
    public async Task A_page_on_another_port_cannot_change_or_read_anything_through_a_logged_in_browser()
    {
        var server = fixture.Server;
        await using var s = await ConsoleSession.OpenAsync(fixture);
        await using var page = ForeignPage.Serve(AttackPage(server.AdminPort));
        await s.RunAsync(async () =>
        {
            await s.LoginAsync();
            long newest = (await server.GetJsonAsync("/api/events?max=1")).EnumerateArray().First().GetProperty("id").GetInt64();
            string timer = (await server.GetJsonAsync("/api/engine")).GetProperty("timer").GetString()!;

            await s.Page.GotoAsync(page.Url);
            await s.Page.WaitForFunctionAsync("() => document.getElementById('out').textContent !== 'running'", null, new() { Timeout = ConsoleSession.Timeout });
            var results = JsonDocument.Parse(await s.Page.Locator("#out").TextContentAsync() ?? "{}").RootElement;

            // The hub said nothing to the page: no handshake answer, no audit entries.
            string hub = results.GetProperty("hub").GetString()!;
            Assert.DoesNotContain("invocationId", hub);
            Assert.DoesNotContain("result", hub);
            // Nothing the page asked for happened.
            await Task.Delay(500); // a SIGUSR1 or a reload would have been audited by now
            var since = (await server.GetJsonAsync("/api/events?max=1000")).EnumerateArray()
                .Where(e => e.GetProperty("id").GetInt64() > newest).ToList();
            Assert.DoesNotContain(since, e => e.GetProperty("category").GetString() is "reload" or "signal" or "timer");
            Assert.Equal(timer, (await server.GetJsonAsync("/api/engine")).GetProperty("timer").GetString());
            Assert.DoesNotContain("State dump", server.Output);
        });
    }
}
