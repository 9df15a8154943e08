namespace AdminServer.AdminUi.Security;

/// <summary>
/// Headers every answer carries. All: <c>X-Content-Type-Options: nosniff</c> (a JSON or text answer is
/// never run as a script or a page) and <c>Referrer-Policy: same-origin</c> (no URL of the console leaves
/// it; not no-referrer, under which Chromium sends <c>Origin: null</c> on the console's own form posts,
/// and <see cref="OriginCheckMiddleware"/> rightly refuses those). API, hub and status
/// answers: <c>Cache-Control: no-store</c> (they hold live state and the audit trail). HTML pages: a
/// Content-Security-Policy that allows only this origin's scripts (Blazor's and MudBlazor's files,
/// no inline script, no eval), inline styles (MudBlazor's theme is a style element and its
/// components set style attributes), the circuit's WebSocket to this origin ('self' covers ws: to
/// the same host and port), and no framing at all.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] NoStorePaths = ["/api", "/hubs", "/status", "/_blazor", "/metrics", "/healthz", "/readyz"];

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            if (NoStorePaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                // Replaces Blazor's own "frame-ancestors 'self'": one policy, stricter.
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
            }
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
