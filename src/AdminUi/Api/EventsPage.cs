using AdminServer.AdminUi.Services;

namespace AdminServer.AdminUi.Api;

/// <summary>
/// GET /api/events?before=ID&amp;max=N: one page of the audit log, newest first, at most N entries
/// (default 200, at most <see cref="AuditLog.MaxPage"/>) with ids below ID. When the page is full, a
/// <c>Link: &lt;…?before=oldest&amp;max=N&gt;; rel="next"</c> header points at the next older page.
/// </summary>
public static class EventsPage
{
    public const int DefaultMax = 200;

    public static IResult Get(HttpContext context, AuditLog audit, long? before, int? max)
    {
        if (before is <= 0) return Results.Problem(statusCode: 400, title: "Invalid page", detail: "before must be a positive entry id.");
        int size = Math.Clamp(max ?? DefaultMax, 1, AuditLog.MaxPage);
        var page = audit.Page(before, size);
        if (page.Count == size && page[^1].Id > 1)
            context.Response.Headers.Link = $"</api/events?before={page[^1].Id}&max={size}>; rel=\"next\"";
        return Results.Ok(page);
    }
}
