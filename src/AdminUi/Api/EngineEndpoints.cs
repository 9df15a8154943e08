using AdminServer.AdminUi.Security;
using AdminServer.AdminUi.Services;
using AdminServer.Engine;
using AdminServer.Engine.Loop;

namespace AdminServer.AdminUi.Api;

/// <summary>The JSON API for scripts and the console: engine state, runtime mode switches, connections.</summary>
public static class EngineEndpoints
{
    public static void MapEngineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        api.MapRead("/engine", (ServerEngine engine) => Results.Ok(engine.GetState()));

        api.MapPatch("/engine", async (HttpRequest request, ServerEngine engine, AuditLog audit) =>
        {
            var body = await JsonBody.ReadAsync(request, "Invalid engine settings");
            if (body.Problem is { } problem) return problem;
            var errors = new List<string>();
            var change = EnginePatch.Parse(body.Value, errors, out var timer);
            if (errors.Count > 0) return BadRequest(ProblemText.Join(errors));
            ModeSwitchResult? result = null;
            // A PATCH that asks for what is already in force (or for nothing) changes nothing, so it is no switch in the audit log.
            var before = EngineSettingsNow.Of(engine.GetState());
            if (change != new ModeChange())
            {
                try { result = await engine.ChangeModeAsync(change); }
                catch (ModeConflictException ex)
                {
                    return Results.Problem(statusCode: 409, title: "Settings that do not fit together", detail: ex.Message);
                }
                if (EngineSettingsNow.Of(engine.GetState()) != before)
                    audit.Add("mode", Actor(request), $"switch to {result.Concurrency} {result.Poller} {result.Mode}",
                        $"{result.RearmedFds} fds re-armed, {result.MovedConnections} connections moved, {result.ReregisteredFds} fds re-registered in {result.ElapsedMs:F2} ms");
            }
            TimerSwitchResult? timers = null;
            if (timer is { } kind)
            {
                timers = await engine.ChangeTimerAsync(kind);
                if (kind != before.Timer)
                    audit.Add("timer", Actor(request), $"switch timers to {kind}", $"{timers.Moved} timers moved in {timers.ElapsedMs:F2} ms");
            }
            return Results.Ok(new { state = engine.GetState(), applied = result, timers });
        });

        api.MapRead("/timers", async (ServerEngine engine, int? max, int? loop) =>
        {
            int loops = engine.GetState().Loops.Count;
            if (loop is { } l && (l < 0 || l >= loops))
                return Results.Problem(statusCode: 400, title: "No such loop", detail: $"loop must be between 0 and {loops - 1}, not {l}.");
            return Results.Ok(await engine.GetTimersAsync(Math.Clamp(max ?? 256, 0, 4096), loop));
        });

        api.MapRead("/events", EventsPage.Get);

        api.MapRead("/connections", async (ServerEngine engine) => Results.Ok(await engine.GetConnectionsAsync()));

        api.MapRead("/connections/closed", (ServerEngine engine) => Results.Ok(engine.RecentlyClosed));

        api.MapDelete("/connections/{id}", async (string id, HttpRequest request, ServerEngine engine, AuditLog audit) =>
        {
            // Any id reaches here, so a malformed one is answered with why rather than an empty 404.
            if (!ConnectionId.TryParse(id, out long number, out string? problem))
                return Results.Problem(statusCode: 400, title: "Not a connection id", detail: problem);
            if (!await engine.CloseConnectionAsync(number))
                return Results.Problem(statusCode: 404, title: "No such connection", detail: $"There is no open connection with id {number} (GET /api/connections lists the open ones).");
            audit.Add("connection", Actor(request), $"close connection {number}", "closed");
            return Results.Ok(new { id = number, closed = true });
        });
    }

    /// <summary>Who made the request, for the audit log: the authenticated user and the peer address.</summary>
    public static string Actor(HttpRequest request) =>
        $"{request.HttpContext.User.Identity?.Name ?? "anonymous"}@{ClientAddress.Of(request.HttpContext)}";

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: 400, title: "Invalid engine settings", detail: detail);
}
