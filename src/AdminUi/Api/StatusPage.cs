using System.Net;
using System.Text;
using System.Text.Json;
using AdminServer.Engine;

namespace AdminServer.AdminUi.Api;

/// <summary>A plain, server-rendered status page behind the same admin auth as the API.</summary>
public static class StatusPage
{
    // The same names as GET /api/engine (camelCase), so what the page shows can be looked up in the API.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void MapStatusPage(this IEndpointRouteBuilder app)
    {
        app.MapRead("/status", (ServerEngine engine) =>
        {
            var s = engine.GetState();
            var html = new StringBuilder("<!doctype html><html><head><meta charset=utf-8><title>AdminServer status</title></head><body>");
            html.Append($"<h1>AdminServer</h1><p>Pattern <b>{s.Concurrency}</b>, poller <b>{s.Poller}</b>, trigger <b>{s.Trigger}</b>, ONESHOT <b>{(s.OneShot ? "on" : "off")}</b>, model <b>{s.EventModel}</b>, ");
            html.Append($"{s.Workers} workers, {s.Connections} connections.</p><ul>");
            foreach (var l in s.Listeners) html.Append($"<li>{WebUtility.HtmlEncode(l.Name)} ({l.Service}) on {l.EndPoint}</li>");
            html.Append("</ul><pre>");
            html.Append(WebUtility.HtmlEncode(JsonSerializer.Serialize(s.Counters, Json)));
            html.Append("</pre></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        }).RequireAuthorization();
    }
}
