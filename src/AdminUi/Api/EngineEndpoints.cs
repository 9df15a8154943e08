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

        api.MapPatch("/engine", async (HttpRequest request, ServerEngine engine, EngineSwitch engineSwitch) =>
        {
            var body = await JsonBody.ReadAsync(request, "Invalid engine settings");
            if (body.Problem is { } problem) return problem;
            var errors = new List<string>();
            var change = EnginePatch.Parse(body.Value, errors, out var timer);
            if (errors.Count > 0) return BadRequest(ProblemText.Join(errors));
            ModeSwitchResult? result = null;
            if (change != new ModeChange())
            {
                // A PATCH that asks for what is already in force changes nothing, so EngineSwitch audits no switch for it.
                var outcome = await engineSwitch.ApplyAsync(change, Actor(request));
                if (outcome.Refusal is { } reason)
                    return Results.Problem(statusCode: 409, title: "Settings that do not fit together", detail: reason);
                if (outcome.Error is { } error)
                    return Results.Problem(statusCode: 500, title: "The switch failed", detail: ProblemText.Cut(error));
                result = outcome.Result;
            }
            TimerSwitchResult? timers = timer is { } kind ? await engineSwitch.ChangeTimerAsync(kind, Actor(request)) : null;
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
