namespace AdminServer.AdminUi.Api;

/// <summary>
/// Read-only routes answer HEAD as well as GET (RFC 9110: a HEAD is a GET without the body);
/// Kestrel drops the body of a HEAD response itself, so the handler is shared.
/// </summary>
public static class ReadRoutes
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static RouteHandlerBuilder MapRead(this IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, GetAndHead, handler);
}
