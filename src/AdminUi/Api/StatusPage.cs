using System.Net;
using System.Text;
using AdminServer.Engine;

namespace AdminServer.AdminUi.Api;

/// <summary>A plain, server-rendered status page behind the same admin auth as the API.</summary>
public static class StatusPage
{
    public static void MapStatusPage(this IEndpointRouteBuilder app)
    {
        app.MapRead("/status", (ServerEngine engine) =>
        {
            var s = engine.GetState();
            var html = new StringBuilder("<!doctype html><html><head><meta charset=utf-8><title>AdminServer status</title></head><body>");
            html.Append($"<h1>AdminServer</h1><p>Trigger <b>{s.Trigger}</b>, ONESHOT <b>{s.OneShot}</b>, model <b>{s.EventModel}</b>, ");
            html.Append($"{s.Workers} workers, {s.Connections} connections.</p><ul>");
            foreach (var l in s.Listeners) html.Append($"<li>{WebUtility.HtmlEncode(l.Name)} ({l.Service}) on {l.EndPoint}</li>");
            html.Append("</ul><pre>");
            html.Append(WebUtility.HtmlEncode(System.Text.Json.JsonSerializer.Serialize(s.Counters, new System.Text.Json.JsonSerializerOptions { WriteIndented = true })));
            html.Append("</pre></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        }).RequireAuthorization();
    }
}
