using System.Net;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Security;

/// <summary>Item 8: the headers every answer carries, checked on the API, the status page, the login page and a refusal.</summary>
public class HeaderTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerProcess Server => fixture.Server;

    [Theory]
    [InlineData("/api/engine")]
    [InlineData("/api/events")]
    [InlineData("/api/processes")]
    [InlineData("/status")]
    [InlineData("/api/no-such-route")]
    public async Task Api_answers_are_nosniff_and_never_stored(string path)
    {
        var response = await Server.Api.GetAsync(path);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control is '{response.Headers.CacheControl}'");
        Assert.Equal("same-origin", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_and_refuse_framing()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var response = await anonymous.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'self';", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        // No inline script survives the policy: the page has none.
        string html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
    }

    [Fact]
    public async Task A_refusal_carries_the_headers_too()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var response = await anonymous.GetAsync("/api/engine");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore);
    }
}
