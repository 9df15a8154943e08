using AdminServer.E2eTests.Console;
using AdminServer.E2eTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Security;

/// <summary>
/// Item 8 in a real Chromium: every console page is served with the Content-Security-Policy and
/// still works under it (the circuit connects, a click is handled), with no policy violation and no
/// error in the browser's console.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class ContentSecurityPolicyTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Every_page_works_under_the_policy_without_a_single_violation()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        var problems = new List<string>();
        s.Page.Console += (_, m) => { if (m.Type is "error") problems.Add($"console: {m.Text} at {m.Location}"); };
        s.Page.Response += (_, r) => { if (r.Status >= 400) problems.Add($"{r.Status} {r.Request.Method} {r.Url}"); };
        s.Page.PageError += (_, e) => problems.Add($"page error: {e}");
        await s.Context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
              console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI));
            """);
        var pageHeaders = new List<Dictionary<string, string>>();
        s.Page.Response += (_, r) => { if (r.Request.ResourceType == "document" && r.Status == 200) pageHeaders.Add(r.Headers); };

        await s.RunAsync(async () =>
        {
            await s.LoginAsync();
            foreach (var (path, heading) in new[] { ("/", "Dashboard"), ("/threads", "Threads"), ("/connections", "Connections"), ("/timers", "Timers"), ("/signals", "Signals"), ("/processes", "Processes"), ("/events", "Events") })
            {
                await s.GotoAsync(path);
                await Expect(s.Page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            }
            // The circuit handles a click under the policy: the theme switches.
            string before = await s.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
            await s.Page.GetByTestId("theme-toggle").ClickAsync();
            await s.Page.WaitForFunctionAsync("b => getComputedStyle(document.body).backgroundColor !== b", before, new() { Timeout = ConsoleSession.Timeout });
        });

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(pageHeaders.Count >= 8, $"only {pageHeaders.Count} documents loaded");
        Assert.All(pageHeaders, h =>
        {
            Assert.Contains("default-src 'self'", h["content-security-policy"]);
            Assert.Contains("script-src 'self';", h["content-security-policy"]);
            Assert.Contains("frame-ancestors 'none'", h["content-security-policy"]);
            Assert.Equal("nosniff", h["x-content-type-options"]);
            Assert.Equal("same-origin", h["referrer-policy"]);
        });
    }
}
