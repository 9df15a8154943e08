using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace AdminServer.AdminUi.Security;

/// <summary>
/// One password, two ways to present it. Scripts send HTTP Basic; the console's browser logs in
/// once and carries a cookie. A policy scheme picks Basic when an <c>Authorization: Basic</c>
/// header is present and the cookie otherwise. Machine routes (/api, /hubs, /status, /metrics) answer an
/// unauthenticated caller with 401 problem+json, never a redirect; pages redirect to /login.
/// A fallback policy makes every endpoint require the admin unless it opts out explicitly.
/// </summary>
public static class AdminAuthentication
{
    public const string PolicySchemeName = "AdminServer";
    public const string CookieSchemeName = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string LoginPath = "/login";

    private static readonly string[] MachinePaths = ["/api", "/hubs", "/status", "/metrics"];

    public static IServiceCollection AddAdminAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(PolicySchemeName)
            .AddPolicyScheme(PolicySchemeName, "Basic or cookie", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieSchemeName, o =>
            {
                o.Cookie.Name = "AdminServer.Auth";
                o.Cookie.HttpOnly = true;
                // Strict: the cookie never rides on a cross-site request, so no other site can
                // make the browser PATCH the engine or DELETE a connection.
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = LoginPath;
                o.AccessDeniedPath = LoginPath;
                o.Events.OnRedirectToLogin = RedirectPagesOnly;
                o.Events.OnRedirectToAccessDenied = RedirectPagesOnly;
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    private static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
            ? BasicAuthenticationHandler.SchemeName
            : CookieSchemeName;

    /// <summary>Scripts and SignalR clients cannot follow a login form: they get Basic's 401 problem+json instead.</summary>
    private static Task RedirectPagesOnly(RedirectContext<CookieAuthenticationOptions> context)
    {
        var path = context.Request.Path;
        if (MachinePaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            return context.HttpContext.ChallengeAsync(BasicAuthenticationHandler.SchemeName);
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
