using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using AdminServer.AdminUi.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AdminServer.AdminUi.Security;

/// <summary>
/// HTTP Basic for scripts: user "admin" and the admin password. Every wrong credential counts
/// against the caller's address in the <see cref="LoginThrottle"/> (an address it holds back never
/// gets here: <see cref="BasicThrottleMiddleware"/> answers 429 first).
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminPassword password,
    LoginThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";
    private static readonly object Counted = new();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) ||
            !string.Equals(header.Scheme, SchemeName, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            return Task.FromResult(AuthenticateResult.NoResult());
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)); }
        catch (FormatException) { return Task.FromResult(Failed("malformed Basic credentials")); }
        int colon = decoded.IndexOf(':');
        if (colon < 0 || decoded[..colon] != AdminPassword.User || !password.Matches(decoded[(colon + 1)..]))
            return Task.FromResult(Failed("wrong user or password"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, AdminPassword.User)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private AuthenticateResult Failed(string why)
    {
        // Authentication may run more than once for one request; it is one attempt.
        if (Context.Items.TryAdd(Counted, true)) throttle.RecordFailure(ClientAddress.Of(Context), "Basic");
        return AuthenticateResult.Fail(why);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"AdminServer\", charset=\"UTF-8\"";
        Response.ContentType = "application/problem+json";
        await Response.WriteAsJsonAsync(new
        {
            type = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
            title = "Unauthorized",
            status = 401,
            detail = "Send the admin password as HTTP Basic credentials for user 'admin'.",
        }, options: null, contentType: "application/problem+json");
    }
}
