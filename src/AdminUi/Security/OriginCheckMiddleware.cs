using AdminServer.AdminUi.Api;

namespace AdminServer.AdminUi.Security;

/// <summary>
/// 403 for a state-changing request (POST, PUT, PATCH, DELETE) or a hub / Blazor circuit connection
/// (/hubs, /_blazor: negotiate, WebSocket upgrade, long polling) whose <c>Origin</c> is not the admin's
/// own. SameSite=Strict does not stop a page on another port of 127.0.0.1 (same site, other origin),
/// and a browser always names the page's origin on these requests, so the check is exact. The own
/// origin is the request's scheme and Host, which <see cref="HostCheckMiddleware"/> has already
/// validated. <c>Origin: null</c> (sandboxed frames, file: pages) is refused; a request without
/// Origin is not a browser's cross-origin request (curl, scripts with Basic) and passes.
/// </summary>
public sealed class OriginCheckMiddleware(RequestDelegate next)
{
    private static readonly string[] ConnectionPaths = ["/hubs", "/_blazor"];

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var origins = request.Headers.Origin;
        if (origins.Count == 0 || !Guarded(request)) return next(context);
        if (origins.Count == 1 && IsOwnOrigin(request, origins[0])) return next(context);
        return Problem.WriteAsync(context, StatusCodes.Status403Forbidden, "Cross-origin request refused",
            $"Origin '{ProblemText.Cut(origins.ToString())}' is not this admin server ({request.Scheme}://{request.Host}); " +
            "state changes and live connections are only accepted from the console's own pages.");
    }

    private static bool Guarded(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        || ConnectionPaths.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    private static bool IsOwnOrigin(HttpRequest request, string? origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || o.AbsolutePath != "/" || o.UserInfo.Length > 0) return false;
        int ownPort = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return string.Equals(o.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(o.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && o.Port == ownPort
            && origin!.IndexOfAny(['?', '#']) < 0;
    }
}
